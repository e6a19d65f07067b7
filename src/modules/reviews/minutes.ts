import type { Principal } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { htmlToPdf } from '../../kernel/documents/pdf.ts';
import { escapeHtml, textToHtml } from '../../kernel/records/html.ts';
import { inputsHtml } from './inputs/describe.ts';
import { presentReview, reviewInputs } from './queries.ts';

const e = escapeHtml;

/**
 * The minutes of a management review as PDF: the meeting, who attended, the inputs (frozen when it was held,
 * otherwise as they stand now, which the subtitle says) with the preparer's commentary, the decisions and
 * actions, and the minutes' text with their approval.
 */
export async function minutesPdf(db: Queryable, who: Principal, id: string) {
  const r = await presentReview(db, who, id);
  const inputs = await reviewInputs(db, id);
  const state =
    r.state === 'approved'
      ? `minutes approved by ${r.approvedBy?.name ?? '–'} on ${r.approvedAt?.slice(0, 10) ?? ''}`
      : r.state === 'held'
        ? 'held; minutes not yet approved'
        : `${r.state}; not yet held (inputs as they stand today)`;
  const html = [
    '<h2>Meeting</h2>',
    '<ul>',
    `<li><b>Period reviewed</b>: ${e(r.periodFrom)} – ${e(r.periodTo)}</li>`,
    `<li><b>Meeting</b>: ${e(r.meetingOn)}${r.location ? `, ${e(r.location)}` : ''}</li>`,
    `<li><b>Chair</b>: ${e(r.chair?.name ?? '–')}</li>`,
    `<li><b>Prepared by</b>: ${e(r.preparedBy?.name ?? '–')}</li>`,
    '</ul>',
    '<h2>Attendance</h2>',
    r.attendees.length
      ? `<ul>${r.attendees
          .map(
            (a) =>
              `<li>${e(a.name)}: ${a.attended === null ? 'invited' : a.attended ? 'attended' : 'absent'}</li>`,
          )
          .join('')}</ul>`
      : '<p>Not recorded.</p>',
    '<h1>Inputs</h1>',
    inputsHtml(inputs, inputs.commentary),
    '<h1>Decisions</h1>',
    r.decisions.length
      ? `<ol>${r.decisions.map((d) => `<li><b>${e(d.topic)}</b>: ${e(d.text)}</li>`).join('')}</ol>`
      : '<p>None recorded.</p>',
    '<h1>Actions</h1>',
    r.actions.length
      ? `<ul>${r.actions
          .map(
            (a) =>
              `<li>${e(a.title)} (${e(a.responsible?.name ?? 'nobody named')}${a.due ? `, due ${e(a.due)}` : ''}): ${a.done ? 'done' : a.overdue ? 'overdue' : 'open'}</li>`,
          )
          .join('')}</ul>`
      : '<p>None recorded.</p>',
    '<h1>Minutes</h1>',
    r.minutes ? textToHtml(r.minutes) : '<p>Not yet written.</p>',
  ].join('');
  const pdf = await htmlToPdf({
    title: r.title,
    subtitle: `${r.code} · ${state}`,
    html,
    footer: `${r.code} management review`,
    language: 'en',
  });
  return { pdf, fileName: `${r.code}-minutes.pdf` };
}
