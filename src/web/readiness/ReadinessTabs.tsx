import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

const tabs = [
  { path: '/readiness', label: 'readiness.tabs.clauses', testId: 'tab-clauses' },
  { path: '/readiness/requirements', label: 'readiness.tabs.requirements', testId: 'tab-requirements' },
  { path: '/readiness/rules', label: 'readiness.tabs.rules', testId: 'tab-rules' },
];

/** The readiness pages as tabs: the clauses, the organisation's own requirements, the evidence rules. */
export function ReadinessTabs() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Tabs value={pathname} onChange={(v) => v && navigate(v)}>
      <Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.path} value={tab.path} data-testid={tab.testId}>
            {t(tab.label)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
