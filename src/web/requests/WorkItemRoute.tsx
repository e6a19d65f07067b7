import { useParams } from 'react-router';
import { ChangePage } from '../changes/ChangePage.tsx';
import { NonconformityPage } from '../nonconformities/NonconformityPage.tsx';
import { ProblemPage } from '../problems/ProblemPage.tsx';
import { IncidentPage } from '../servicedesk/IncidentPage.tsx';
import { RequestPage } from './RequestPage.tsx';
import { TaskPage } from './TaskPage.tsx';

/** One work item's page, by its kind: the number's prefix says which. */
export function WorkItemRoute() {
  const { number = '' } = useParams();
  const prefix = number.toUpperCase().split('-')[0];
  if (prefix === 'REQ') return <RequestPage />;
  if (prefix === 'TASK') return <TaskPage />;
  if (prefix === 'CHG') return <ChangePage />;
  if (prefix === 'PRB') return <ProblemPage />;
  if (prefix === 'NC') return <NonconformityPage />;
  return <IncidentPage />;
}
