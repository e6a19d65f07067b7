import { notifications } from '@mantine/notifications';
import { ApiProblem } from '../api.ts';

/** What went wrong, as a notification: the server's explanation and each field's message. */
export function problemText(e: unknown): string {
  if (!(e instanceof ApiProblem)) return e instanceof Error ? e.message : String(e);
  return [e.message, ...e.errors.map((x) => `${x.field}: ${x.message}`)].join(' ');
}

export function showProblem(title: string, e: unknown) {
  notifications.show({ color: 'red', title, message: problemText(e) });
}
