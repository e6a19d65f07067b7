import { sql } from 'drizzle-orm';
import type { CommandContext } from '../kernel/db/tx.ts';
import { createCustomer } from '../modules/administration/index.ts';
import { createAgreement, createCalendar } from '../modules/agreements/index.ts';
import { createCi, createClass, createRelationship } from '../modules/cmdb/index.ts';
import { createService } from '../modules/portfolio/index.ts';
import { hotels, loadHotelSite } from './hotel-sites.ts';

/**
 * The demo's IT: the IT department of Alpine Hotels, a group of three hotels with a head office. A data
 * centre at head office runs the booking system, e-mail, point of sale and the guest Wi-Fi controllers on
 * a small virtualisation cluster; each hotel has its own network and access points. A few hundred CIs
 * with real dependencies, so impact analysis shows something on first start.
 * Each hotel's own site, network and devices are hotel-sites.ts.
 */
type Ctx = CommandContext;

export async function loadHotelIt(ctx: Ctx, people: Record<string, string>) {
  const existing = await ctx.tx.execute(sql`select 1 from services limit 1`);
  if (existing.rows.length) return;
  const ci = async (classKey: string, name: string, extra: Record<string, unknown> = {}) =>
    (await createCi(ctx, { classKey, name, status: 'live', ownerId: people.change, ...extra })).id;
  const rel = (sourceId: string, typeKey: string, targetId: string) =>
    createRelationship(ctx, { sourceId, targetId, typeKey });

  // classes of the hotel group's own: the class editor's command, as a configuration manager would use it
  await createClass(ctx, {
    key: 'workstation',
    names: { en: 'Workstation', nl: 'Werkplek', da: 'Arbejdsstation' },
    description: 'A staff PC or laptop.',
    attributes: [
      { key: 'os', label: 'Operating system', type: 'text', required: false },
      {
        key: 'form',
        label: 'Form',
        type: 'choice',
        required: true,
        values: ['desktop', 'laptop', 'thin client'],
      },
      { key: 'serial_number', label: 'Serial number', type: 'text', required: false },
    ],
  });
  await createClass(ctx, {
    key: 'printer',
    names: { en: 'Printer', nl: 'Printer', da: 'Printer' },
    attributes: [
      { key: 'model', label: 'Model', type: 'text', required: true },
      { key: 'colour', label: 'Colour', type: 'boolean', required: false },
    ],
  });

  const customers: Record<string, string> = {};
  for (const h of hotels) customers[h.code] = (await createCustomer(ctx, { code: h.code, name: h.name })).id;
  customers.HQ = (await createCustomer(ctx, { code: 'HQ', name: 'Alpine Hotels head office' })).id;
  await ctx.tx.execute(
    sql`update users set customer_id = ${customers.ALP!} where email = 'customer@keel.example'`,
  );

  // head office data centre
  const hq = await ci('site', 'Head office data centre, Visp', {
    attributes: { address: 'Bahnhofstrasse 12', city: 'Visp', country: 'CH' },
  });
  const supplierSwisscom = await ci('supplier', 'Swisscom', {
    attributes: { contact: 'business@swisscom.example', contract_reference: 'SC-2023-118' },
  });
  const supplierPos = await ci('supplier', 'GastroSoft AG', {
    attributes: { contact: 'support@gastrosoft.example', contract_reference: 'GS-77' },
  });
  const wan = await ci('network_device', 'WAN router HQ', {
    locationId: hq,
    attributes: { device_type: 'router', model: 'Cisco ISR 4331' },
  });
  await rel(wan, 'provided_by', supplierSwisscom);
  const fwHq = await ci('network_device', 'Firewall HQ', {
    locationId: hq,
    attributes: { device_type: 'firewall', model: 'FortiGate 100F' },
  });
  await rel(fwHq, 'connects_to', wan);
  const coreHq = await ci('network_device', 'Core switch HQ', {
    locationId: hq,
    attributes: { device_type: 'switch', model: 'Aruba 6300' },
  });
  await rel(coreHq, 'connects_to', fwHq);
  const storage = await ci('server', 'san-01', {
    locationId: hq,
    externalId: 'HQ-SAN-01',
    attributes: { hostname: 'san-01.alpine.example', environment: 'production' },
    purchaseDate: '2022-04-11',
    supplier: 'Dell',
    cost: '38500.00',
    warrantyEnd: '2027-04-11',
  });
  await rel(storage, 'located_at', hq);
  await rel(storage, 'connects_to', coreHq);
  const hosts: string[] = [];
  for (let i = 1; i <= 4; i++) {
    const h = await ci('server', `esx-0${i}`, {
      locationId: hq,
      externalId: `HQ-ESX-0${i}`,
      attributes: {
        hostname: `esx-0${i}.alpine.example`,
        os: 'VMware ESXi 8',
        cpu_cores: 32,
        memory_gb: 512,
        environment: 'production',
      },
      purchaseDate: '2023-02-01',
      supplier: 'Dell',
      cost: '14200.00',
      warrantyEnd: i === 4 ? '2026-12-31' : '2028-02-01',
    });
    await rel(h, 'located_at', hq);
    await rel(h, 'connects_to', coreHq);
    await rel(h, 'depends_on', storage);
    hosts.push(h);
  }
  let vmCount = 0;
  const vm = async (name: string, os = 'Ubuntu 24.04') => {
    const id = await ci('virtual_machine', name, {
      attributes: {
        hostname: `${name}.alpine.example`,
        os,
        cpu_cores: 4,
        memory_gb: 16,
        environment: 'production',
      },
    });
    await rel(id, 'runs_on', hosts[vmCount++ % hosts.length]!);
    return id;
  };

  // technical services
  const dirVm1 = await vm('dc-01', 'Windows Server 2022');
  const dirVm2 = await vm('dc-02', 'Windows Server 2022');
  const ad = await ci('application', 'Active Directory', { attributes: { vendor: 'Microsoft' } });
  await rel(ad, 'runs_on', dirVm1);
  await rel(ad, 'runs_on', dirVm2);
  const directory = await createService(ctx, {
    name: 'Directory and sign-in',
    kind: 'technical',
    status: 'live',
    ownerId: people.owner,
    criticality: 1,
    requirements: 'Staff sign-in to every system; two domain controllers at all times.',
    hoursOfService: '24×7',
  });
  await rel(directory.ciId, 'provided_by', ad);
  const dbVm = await vm('pg-01');
  const dbVm2 = await vm('pg-02');
  const dbPlatform = await createService(ctx, {
    name: 'Database platform',
    kind: 'technical',
    status: 'live',
    ownerId: people.owner,
    criticality: 1,
    hoursOfService: '24×7',
  });
  const backupVm = await vm('backup-01');
  const backupApp = await ci('application', 'Veeam Backup', {
    attributes: { vendor: 'Veeam', version: '12.1' },
  });
  await rel(backupApp, 'runs_on', backupVm);
  await rel(backupApp, 'depends_on', storage);
  const backup = await createService(ctx, {
    name: 'Backup and restore',
    kind: 'technical',
    status: 'live',
    ownerId: people.owner,
    criticality: 2,
    hoursOfService: 'Nightly runs 01:00–05:00',
  });
  await rel(backup.ciId, 'provided_by', backupApp);

  const databases: Record<string, string> = {};
  for (const [name, host] of [
    ['bookings-db', dbVm],
    ['pos-db', dbVm2],
    ['rooms-db', dbVm],
    ['intranet-db', dbVm2],
  ] as const) {
    databases[name] = await ci('database', name, {
      attributes: { engine: 'PostgreSQL', version: '16', size_gb: 40 },
    });
    await rel(databases[name]!, 'runs_on', host);
    await rel(dbPlatform.ciId, 'provided_by', databases[name]!);
    await rel(backupApp, 'connects_to', databases[name]!);
  }

  // business services
  const all = Object.values(customers);
  const catalogue = (en: [string, string], nl: [string, string], da: [string, string]) => ({
    en: { name: en[0], description: en[1] },
    nl: { name: nl[0], description: nl[1] },
    da: { name: da[0], description: da[1] },
  });
  const pmsVm = await vm('pms-app-01');
  const pms = await ci('application', 'Property management system', {
    attributes: { vendor: 'Protel', version: '2025.2' },
  });
  await rel(pms, 'runs_on', pmsVm);
  await rel(pms, 'depends_on', databases['bookings-db']!);
  await rel(pms, 'depends_on', ad);
  const webVm = await vm('web-01');
  const bookingWeb = await ci('application', 'Online booking website', {
    attributes: { url: 'https://book.alpine.example' },
  });
  await rel(bookingWeb, 'runs_on', webVm);
  await rel(bookingWeb, 'depends_on', pms);
  await rel(bookingWeb, 'connects_to', fwHq);
  const booking = await createService(ctx, {
    name: 'Booking system',
    status: 'live',
    ownerId: people.owner,
    criticality: 1,
    requirements:
      'Reservations from the website, the phone and the front desk; room status live in every hotel.',
    hoursOfService: '24×7; planned maintenance Tuesdays 02:00–04:00',
    customerIds: all,
    published: true,
    catalogue: catalogue(
      ['Booking system', 'Reservations, check-in and check-out, room status.'],
      ['Reserveringssysteem', 'Reserveringen, in- en uitchecken, kamerstatus.'],
      ['Bookingsystem', 'Reservationer, check-in og check-ud, værelsesstatus.'],
    ),
  });
  await rel(booking.ciId, 'provided_by', pms);
  await rel(booking.ciId, 'provided_by', bookingWeb);
  await rel(booking.ciId, 'depends_on', directory.ciId);

  const mailApp = await ci('application', 'Microsoft 365 Exchange Online', {
    attributes: { vendor: 'Microsoft' },
  });
  await rel(mailApp, 'depends_on', ad);
  const mail = await createService(ctx, {
    name: 'E-mail and calendars',
    status: 'live',
    ownerId: people.owner,
    criticality: 2,
    hoursOfService: '24×7',
    customerIds: all,
    published: true,
    catalogue: catalogue(
      ['E-mail and calendars', 'Mailboxes, shared calendars and distribution lists for staff.'],
      ['E-mail en agenda’s', 'Mailboxen, gedeelde agenda’s en distributielijsten voor medewerkers.'],
      ['E-mail og kalendere', 'Postkasser, delte kalendere og distributionslister til medarbejdere.'],
    ),
  });
  await rel(mail.ciId, 'provided_by', mailApp);
  await rel(mail.ciId, 'depends_on', directory.ciId);

  const posVm = await vm('pos-app-01', 'Windows Server 2022');
  const posServer = await ci('application', 'GastroSoft POS server', {
    attributes: { vendor: 'GastroSoft', version: '9.4' },
  });
  await rel(posServer, 'runs_on', posVm);
  await rel(posServer, 'depends_on', databases['pos-db']!);
  await rel(posServer, 'provided_by', supplierPos);
  const pos = await createService(ctx, {
    name: 'Point of sale',
    status: 'live',
    ownerId: people.owner,
    criticality: 1,
    requirements: 'Tills in restaurants and bars; charging to the guest room needs the booking system.',
    hoursOfService: '06:00–01:00 every day',
    customerIds: [customers.ALP!, customers.EDW!, customers.GLB!],
    published: true,
    catalogue: catalogue(
      ['Point of sale', 'Tills in restaurants and bars, charging to the room.'],
      ['Kassasysteem', 'Kassa’s in restaurants en bars, afrekenen op de kamer.'],
      ['Kassesystem', 'Kasser i restauranter og barer, opkrævning på værelset.'],
    ),
  });
  await rel(pos.ciId, 'provided_by', posServer);
  await rel(posServer, 'connects_to', pms);

  const wifiCtl = await vm('wlc-01');
  const wifiApp = await ci('application', 'Wi-Fi controller', {
    attributes: { vendor: 'Aruba', version: '10.5' },
  });
  await rel(wifiApp, 'runs_on', wifiCtl);
  const portal = await ci('application', 'Guest Wi-Fi portal', {
    attributes: { url: 'https://wifi.alpine.example' },
  });
  await rel(portal, 'depends_on', pms);
  await rel(portal, 'runs_on', webVm);
  const wifi = await createService(ctx, {
    name: 'Guest Wi-Fi',
    status: 'live',
    ownerId: people.owner,
    criticality: 2,
    requirements: 'Coverage in every room, lobby and spa; sign-in with room number and name.',
    hoursOfService: '24×7',
    customerIds: [customers.ALP!, customers.EDW!, customers.GLB!],
    published: true,
    catalogue: catalogue(
      ['Guest Wi-Fi', 'Internet for hotel guests in rooms, lobby and spa.'],
      ['Gasten-wifi', 'Internet voor hotelgasten in kamers, lobby en spa.'],
      ['Gæste-wifi', 'Internet til hotelgæster på værelser, i lobbyen og spaen.'],
    ),
  });
  await rel(wifi.ciId, 'provided_by', wifiApp);
  await rel(wifi.ciId, 'provided_by', portal);

  const roomsVm = await vm('rooms-01');
  const rooms = await ci('application', 'Conference room booking', {
    attributes: { vendor: 'Alpine Hotels IT', version: '3.2' },
  });
  await rel(rooms, 'runs_on', roomsVm);
  await rel(rooms, 'depends_on', databases['rooms-db']!);
  await rel(rooms, 'depends_on', mailApp);
  const conf = await createService(ctx, {
    name: 'Conference room booking',
    status: 'live',
    ownerId: people.owner,
    criticality: 3,
    hoursOfService: 'Mon–Sat 07:00–22:00',
    customerIds: [customers.ALP!, customers.EDW!],
    published: true,
    catalogue: catalogue(
      ['Conference room booking', 'Book meeting rooms and their equipment for events.'],
      ['Vergaderruimtes reserveren', 'Vergaderzalen en apparatuur voor evenementen reserveren.'],
      ['Booking af mødelokaler', 'Book mødelokaler og udstyr til arrangementer.'],
    ),
  });
  await rel(conf.ciId, 'provided_by', rooms);
  const intranetVm = await vm('intranet-01');
  const intranet = await ci('application', 'Staff intranet', {
    attributes: { url: 'https://intranet.alpine.example' },
  });
  await rel(intranet, 'runs_on', intranetVm);
  await rel(intranet, 'depends_on', databases['intranet-db']!);
  await createService(ctx, {
    name: 'Staff intranet',
    status: 'pipeline',
    ownerId: people.owner,
    criticality: 4,
    customerIds: [customers.HQ!],
  });
  await rel(backup.ciId, 'provided_by', storage);

  // calendars and agreements: what the services are agreed to deliver, and who underpins them
  const officeDays = [1, 2, 3, 4, 5].map((d) => [d, [{ start: '07:00', end: '19:00' }]]);
  const hotelHours = await createCalendar(ctx, {
    name: 'Hotel service desk hours',
    timeZone: 'Europe/Zurich',
    week: Object.fromEntries([...officeDays, [6, [{ start: '08:00', end: '14:00' }]]]),
    holidays: [
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-24', name: 'Christmas Eve afternoon', closed: [{ start: '12:00', end: '24:00' }] },
      { date: '2027-01-01', name: "New Year's Day" },
    ],
  });
  const always = await createCalendar(ctx, {
    name: '24×7',
    timeZone: 'Europe/Zurich',
    week: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
  });
  const targets = (resolveP1: number) => [
    { metric: 'response' as const, priority: 1, minutes: 15 },
    { metric: 'resolution' as const, priority: 1, minutes: resolveP1 },
    { metric: 'response' as const, priority: 2, minutes: 30 },
    { metric: 'resolution' as const, priority: 2, minutes: 480 },
    { metric: 'response' as const, priority: 3, minutes: 120 },
    { metric: 'resolution' as const, priority: 3, minutes: 1440 },
  ];
  for (const h of hotels) {
    await createAgreement(ctx, {
      kind: 'sla',
      name: `SLA ${h.name}`,
      customerId: customers[h.code]!,
      calendarId: hotelHours.id,
      status: 'active',
      validFrom: '2026-01-01',
      validTo: '2027-12-31',
      serviceIds: [booking.id, pos.id, wifi.id, mail.id],
      targets: targets(240),
      workloadLimits: 'Up to 150 incidents and 300 requests a month.',
      exceptions: 'Planned maintenance announced a week ahead; damage caused by guests.',
    });
  }
  await createAgreement(ctx, {
    kind: 'ola',
    name: 'OLA Infrastructure team',
    internalParty: 'Infrastructure team',
    calendarId: always.id,
    status: 'active',
    serviceIds: [directory.id, dbPlatform.id, backup.id],
    targets: [{ metric: 'resolution', priority: 1, minutes: 120 }],
  });
  await createAgreement(ctx, {
    kind: 'underpinning_contract',
    name: 'Swisscom business connectivity',
    supplierCiId: supplierSwisscom,
    calendarId: always.id,
    status: 'active',
    serviceIds: [booking.id, mail.id, wifi.id],
    targets: [{ metric: 'resolution', priority: 1, minutes: 180 }],
  });
  await createAgreement(ctx, {
    kind: 'underpinning_contract',
    name: 'GastroSoft POS support',
    supplierCiId: supplierPos,
    calendarId: hotelHours.id,
    status: 'active',
    serviceIds: [pos.id],
    targets: [{ metric: 'resolution', priority: 1, minutes: 240 }],
  });

  // licences and installations
  const m365 = await ci('licence', 'Microsoft 365 Business Premium', {
    attributes: { entitlements: 120, metric: 'per user', vendor: 'Microsoft', expires: '2027-06-30' },
  });
  await rel(mailApp, 'licensed_by', m365);
  const winSrv = await ci('software', 'Windows Server 2022 Standard', {
    attributes: { vendor: 'Microsoft', product_version: '2022' },
  });
  const winLic = await ci('licence', 'Windows Server 2022 Standard (16-core packs)', {
    attributes: { entitlements: 4, metric: 'per install', vendor: 'Microsoft' },
  });
  for (const host of [dirVm1, dirVm2, posVm]) {
    const inst = await ci(
      'software_install',
      `Windows Server 2022 on ${host === posVm ? 'pos-app-01' : host === dirVm1 ? 'dc-01' : 'dc-02'}`,
      { attributes: { product_version: '21H2' } },
    );
    await rel(inst, 'installs', winSrv);
    await rel(inst, 'installed_on', host);
    await rel(inst, 'licensed_by', winLic);
  }
  const posSw = await ci('software', 'GastroSoft POS client', {
    attributes: { vendor: 'GastroSoft', product_version: '9.4' },
  });
  const posLic = await ci('licence', 'GastroSoft POS client licences', {
    attributes: { entitlements: 12, metric: 'per install', vendor: 'GastroSoft', expires: '2026-12-31' },
  });

  // each hotel: its site, network and the devices guests and staff touch (hotel-sites.ts)
  const estate = { wan, wifiApp, wifi: wifi.ciId, posServer, pos: pos.ciId, posSw, posLic, pms };
  for (const h of hotels) await loadHotelSite({ ci, rel }, h, estate);
}
