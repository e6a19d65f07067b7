import type { TFunction } from 'i18next';

/** A work item's state in the reader's language, whichever kind of work item it belongs to. */
export const stateName = (t: TFunction, state: string) =>
  t(`incidents.state.${state}`, {
    defaultValue: t(`requests.state.${state}`, {
      defaultValue: t(`changes.state.${state}`, {
        defaultValue: t(`problems.state.${state}`, {
          defaultValue: t(`nonconformities.state.${state}`, { defaultValue: state }),
        }),
      }),
    }),
  });
