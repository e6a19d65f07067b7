import type { EventInput, LocaleInput } from '@fullcalendar/core';
import daLocale from '@fullcalendar/core/locales/da';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import nlLocale from '@fullcalendar/core/locales/nl';
import dayGridPlugin from '@fullcalendar/daygrid';
import multiMonthPlugin from '@fullcalendar/multimonth';
import FullCalendar from '@fullcalendar/react';
import { Paper, Text, useMantineTheme } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCalendar } from './data.ts';
import { auditColour } from './format.ts';

const locales: Record<string, LocaleInput> = { en: enGbLocale, nl: nlLocale, da: daLocale };

/** The day after a calendar day: FullCalendar's all-day events end the day after their last day. */
const nextDay = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * The programme's calendar: its audits over the cycle's years (a year at a time, the whole cycle, or a month),
 * coloured by state and named by code and title; a click opens the audit. The list of audits beside it says
 * the same in words.
 */
export function ProgrammeCalendar({ programmeId }: { programmeId: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const theme = useMantineTheme();
  const q = useCalendar(programmeId);
  const [view, setView] = useState('multiMonthYear');
  if (q.isError) return <Text c="red">{(q.error as Error).message}</Text>;
  if (!q.data) return <Text c="dimmed">{t('common.loading')}</Text>;
  const c = q.data;
  const today = new Date().toISOString().slice(0, 10);
  const events: EventInput[] = c.items.map((a) => {
    const shades = theme.colors[auditColour[a.state]];
    // a cancelled audit is drawn faded, light with dark text: white on a pale shade could not be read
    const cancelled = a.state === 'cancelled';
    const colour = shades?.[cancelled ? 1 : 7] ?? auditColour[a.state];
    const border = shades?.[cancelled ? 6 : 7] ?? colour;
    const text = cancelled ? (shades?.[9] ?? '#212529') : '#fff';
    return {
      id: a.id,
      title: `${a.code} ${a.title} (${t(`internalAudits.auditStates.${a.state}`)})`,
      start: a.plannedStart,
      end: nextDay(a.plannedEnd),
      allDay: true,
      // the whole cycle's small months have no room for bars: the days under an audit are shaded instead
      display: view === 'multiMonthCycle' ? 'background' : 'auto',
      url: `/internal-audits/${a.id}`,
      backgroundColor: colour,
      borderColor: border,
      textColor: text,
    };
  });
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="programme-calendar"
      // the cycle's shaded days must stand out from the weekend's grey
      style={{ '--fc-bg-event-opacity': 0.55 } as React.CSSProperties}
    >
      <FullCalendar
        key={i18n.language}
        plugins={[multiMonthPlugin, dayGridPlugin]}
        locale={locales[i18n.language] ?? enGbLocale}
        initialView="multiMonthYear"
        initialDate={today >= c.cycleStart && today <= c.cycleEnd ? today : c.cycleStart}
        validRange={{
          start: `${c.cycleStart.slice(0, 4)}-01-01`,
          end: `${Number(c.cycleEnd.slice(0, 4)) + 1}-01-01`,
        }}
        views={{
          multiMonthCycle: {
            type: 'multiMonth',
            visibleRange: {
              start: `${c.cycleStart.slice(0, 4)}-01-01`,
              end: `${Number(c.cycleEnd.slice(0, 4)) + 1}-01-01`,
            },
            buttonText: t('internalAudits.calendarCycle'),
            multiMonthMaxColumns: 6,
            multiMonthMinWidth: 140,
            // three years at a glance: weekdays by their initial
            dayHeaderFormat: { weekday: 'narrow' },
          },
          multiMonthYear: {
            buttonText: t('internalAudits.calendarYear'),
            multiMonthMaxColumns: 4,
            multiMonthMinWidth: 260,
            dayMaxEvents: false,
          },
          dayGridMonth: { buttonText: t('internalAudits.calendarMonth') },
        }}
        headerToolbar={{
          start: 'prev,next',
          center: 'title',
          end: 'multiMonthCycle,multiMonthYear,dayGridMonth',
        }}
        events={events}
        eventContent={(arg) => (arg.event.display === 'background' ? <span /> : true)}
        datesSet={(info) => setView(info.view.type)}
        eventClick={(info) => {
          info.jsEvent.preventDefault();
          navigate(`/internal-audits/${info.event.id}`);
        }}
        // the full title on hover and for assistive technology, as a cell cuts it short
        eventDidMount={(info) => {
          info.el.setAttribute('title', info.event.title);
          info.el.setAttribute('aria-label', info.event.title);
        }}
        height="auto"
        fixedWeekCount={false}
      />
    </Paper>
  );
}
