/**
 * The demo's three hotels, and each one's site: its firewall, core and floor switches, the access points the
 * guest Wi-Fi runs on, the tills, the front-desk and back-office PCs and the printers, tied to the head
 * office's estate (hotel-it.ts) they depend on.
 */
export const hotels = [
  { code: 'ALP', name: 'Hotel Alpenrose', town: 'Zermatt', aps: 40, tills: 6, desks: 16 },
  { code: 'EDW', name: 'Hotel Edelweiss', town: 'Grindelwald', aps: 30, tills: 4, desks: 12 },
  { code: 'GLB', name: 'Hotel Gletscherblick', town: 'Saas-Fee', aps: 24, tills: 3, desks: 10 },
];

/** What a hotel's devices depend on at head office: the WAN, the Wi-Fi and POS services and software. */
export type HeadOfficeEstate = {
  wan: string;
  wifiApp: string;
  wifi: string;
  posServer: string;
  pos: string;
  posSw: string;
  posLic: string;
  pms: string;
};

type Add = {
  ci: (classKey: string, name: string, extra?: Record<string, unknown>) => Promise<string>;
  rel: (sourceId: string, typeKey: string, targetId: string) => Promise<unknown>;
};

export async function loadHotelSite({ ci, rel }: Add, h: (typeof hotels)[number], estate: HeadOfficeEstate) {
  const site = await ci('site', h.name, { attributes: { city: h.town, country: 'CH' } });
  const fw = await ci('network_device', `Firewall ${h.code}`, {
    locationId: site,
    attributes: { device_type: 'firewall', model: 'FortiGate 60F' },
  });
  await rel(fw, 'located_at', site);
  await rel(fw, 'connects_to', estate.wan);
  const core = await ci('network_device', `Core switch ${h.code}`, {
    locationId: site,
    attributes: { device_type: 'switch', model: 'Aruba 6200' },
  });
  await rel(core, 'located_at', site);
  await rel(core, 'connects_to', fw);
  const floors = Math.ceil(h.aps / 8);
  const access: string[] = [];
  for (let f = 1; f <= floors; f++) {
    const sw = await ci('network_device', `Access switch ${h.code} floor ${f}`, {
      locationId: site,
      attributes: { device_type: 'switch', model: 'Aruba 6100' },
    });
    await rel(sw, 'located_at', site);
    await rel(sw, 'connects_to', core);
    access.push(sw);
  }
  for (let a = 1; a <= h.aps; a++) {
    const ap = await ci('network_device', `AP ${h.code}-${String(a).padStart(2, '0')}`, {
      locationId: site,
      attributes: { device_type: 'access point', model: 'Aruba AP-535' },
    });
    await rel(ap, 'connects_to', access[(a - 1) % access.length]!);
    await rel(ap, 'depends_on', estate.wifiApp);
    await rel(estate.wifi, 'provided_by', ap);
  }
  for (let t = 1; t <= h.tills; t++) {
    const till = await ci('server', `Till ${h.code}-${t}`, {
      locationId: site,
      externalId: `POS-${h.code}-${t}`,
      attributes: { os: 'Windows 11 IoT', environment: 'production' },
      purchaseDate: '2024-05-15',
      supplier: 'GastroSoft AG',
      cost: '1890.00',
      warrantyEnd: '2027-05-15',
    });
    await rel(till, 'connects_to', access[t % access.length]!);
    await rel(till, 'depends_on', estate.posServer);
    await rel(estate.pos, 'provided_by', till);
    const inst = await ci('software_install', `GastroSoft POS client on Till ${h.code}-${t}`, {
      attributes: { product_version: '9.4' },
    });
    await rel(inst, 'installs', estate.posSw);
    await rel(inst, 'installed_on', till);
    await rel(inst, 'licensed_by', estate.posLic);
  }
  for (let d = 1; d <= h.desks; d++) {
    const pc = await ci('workstation', `PC ${h.code}-${String(d).padStart(2, '0')}`, {
      locationId: site,
      externalId: `WS-${h.code}-${d}`,
      attributes: { os: 'Windows 11', form: d <= 4 ? 'desktop' : 'laptop' },
      purchaseDate: '2024-09-01',
      supplier: 'Lenovo',
      cost: '1150.00',
      warrantyEnd: '2027-09-01',
    });
    await rel(pc, 'connects_to', access[d % access.length]!);
    // the front desk works in the booking system
    if (d <= 4) await rel(pc, 'depends_on', estate.pms);
  }
  for (let p = 1; p <= 3; p++) {
    const printer = await ci('printer', `Printer ${h.code}-${p}`, {
      locationId: site,
      attributes: { model: 'HP LaserJet M480', colour: p === 1 },
    });
    await rel(printer, 'connects_to', access[p % access.length]!);
  }
}
