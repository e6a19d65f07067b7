import { sql } from 'drizzle-orm';
import { principalOfActor } from '../kernel/auth/principal.ts';
import type { CommandContext } from '../kernel/db/tx.ts';
import { createCatalogueItem, createRequest } from '../modules/requests/index.ts';

/**
 * The demo's request catalogue: a shared mailbox the service owner approves and the applications group sets
 * up, and a Wi-Fi voucher for events the network group prepares; one request waits for approval.
 */
export async function loadDemoRequests(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from catalogue_items limit 1`);
  if (done.rows.length) return;
  const ids = async (table: 'services' | 'groups', names: string[]) => {
    const res = await ctx.tx.execute<{ id: string; name: string }>(
      table === 'services'
        ? sql`select s.id, c.name from services s join cis c on c.id = s.ci_id where c.name = any(${sql.param(names)}::text[])`
        : sql`select id, name from groups where name = any(${sql.param(names)}::text[])`,
    );
    return Object.fromEntries(res.rows.map((r) => [r.name, r.id]));
  };
  const services = await ids('services', ['E-mail and calendars', 'Guest Wi-Fi']);
  const groups = await ids('groups', ['Hotel applications', 'Network and Wi-Fi']);
  if (!services['E-mail and calendars'] || !groups['Hotel applications']) return;
  const l = (en: string, nl: string, da: string) => ({ en, nl, da });
  const mailbox = await createCatalogueItem(ctx, {
    code: 'shared-mailbox',
    serviceId: services['E-mail and calendars']!,
    texts: {
      en: { name: 'Shared mailbox', description: 'A mailbox a team shares, such as reservations@.' },
      nl: { name: 'Gedeelde mailbox', description: 'Een mailbox die een team deelt, zoals reservations@.' },
      da: { name: 'Delt postkasse', description: 'En postkasse, et team deler, fx reservations@.' },
    },
    form: [
      {
        key: 'address',
        label: l('Address', 'Adres', 'Adresse'),
        type: 'text',
        required: true,
        maxLength: 64,
      },
      { key: 'owner', label: l('Owner', 'Eigenaar', 'Ejer'), type: 'user', required: true },
      {
        key: 'size',
        label: l('Size', 'Grootte', 'Størrelse'),
        type: 'choice',
        required: true,
        options: [
          { value: '10gb', label: l('10 GB', '10 GB', '10 GB') },
          { value: '50gb', label: l('50 GB', '50 GB', '50 GB') },
        ],
      },
      { key: 'from', label: l('Needed from', 'Nodig vanaf', 'Nødvendig fra'), type: 'date' },
    ],
    approval: { mode: 'any', approvers: [{ kind: 'service_owner' }] },
    tasks: [
      {
        title: 'Create the mailbox',
        instructions: 'Create it in Exchange Online with the size ordered; give the owner full access.',
        groupId: groups['Hotel applications']!,
      },
      { title: 'Tell the owner', instructions: 'Send the owner the address and how to add it in Outlook.' },
    ],
  });
  await createCatalogueItem(ctx, {
    code: 'event-wifi',
    serviceId: services['Guest Wi-Fi']!,
    texts: {
      en: {
        name: 'Wi-Fi for an event',
        description: 'A network name and vouchers for a conference or wedding.',
      },
      nl: {
        name: 'Wifi voor een evenement',
        description: 'Een netwerknaam en vouchers voor een congres of bruiloft.',
      },
      da: {
        name: 'Wi-Fi til et arrangement',
        description: 'Et netværksnavn og adgangskoder til en konference eller et bryllup.',
      },
    },
    form: [
      { key: 'event', label: l('Event', 'Evenement', 'Arrangement'), type: 'text', required: true },
      { key: 'date', label: l('Date', 'Datum', 'Dato'), type: 'date', required: true },
      {
        key: 'guests',
        label: l('Guests', 'Gasten', 'Gæster'),
        type: 'number',
        min: 1,
        max: 500,
        integer: true,
        required: true,
      },
    ],
    tasks: [
      {
        title: 'Prepare the event network',
        instructions: 'SSID with the event name, vouchers for the number of guests plus 10%.',
        groupId: groups['Network and Wi-Fi'] ?? null,
      },
    ],
  });
  if (people.customer) {
    const cora = principalOfActor({ ...ctx.actor, userId: people.customer }, ['customer']);
    const customer = await ctx.tx.execute<{ customer_id: string | null }>(
      sql`select customer_id from users where id = ${people.customer}`,
    );
    if (customer.rows[0]?.customer_id)
      await createRequest(
        ctx,
        { ...cora, customerId: customer.rows[0].customer_id },
        {
          catalogueItemId: mailbox.id,
          answers: { address: 'weddings@alpenrose.example', owner: people.customer, size: '10gb' },
        },
      );
  }
}
