import { sql } from 'drizzle-orm';
import type { principalOfActor } from '../kernel/auth/principal.ts';
import type { CommandContext } from '../kernel/db/tx.ts';
import { addRiskAction, createRisk } from '../modules/risks/index.ts';

/** A dozen risks and opportunities of a hotel group's IT, scored on Keel's default criteria. */
export async function loadDemoRisks(
  ctx: CommandContext,
  people: Record<string, string>,
  top: ReturnType<typeof principalOfActor>,
) {
  const services = await ctx.tx.execute<{ id: string; name: string }>(
    sql`select s.id, c.name from services s join cis c on c.id = s.ci_id`,
  );
  const svc = (name: string) => services.rows.filter((s) => s.name === name).map((s) => s.id);
  const inMonths = (m: number) => new Date(Date.now() + m * 30 * 86_400_000).toISOString().slice(0, 10);
  const owner = people.head!;
  const list: Array<
    [string, 'risk' | 'opportunity', string, number, number, number, number, string, string[], number]
  > = [
    [
      'Booking system database fails during check-in peak',
      'risk',
      'Single database server in the head office',
      3,
      5,
      2,
      4,
      'reduce',
      svc('Booking system'),
      3,
    ],
    [
      'Ransomware encrypts the hotel file shares',
      'risk',
      'Phishing; flat network between hotels',
      3,
      5,
      2,
      5,
      'reduce',
      [],
      2,
    ],
    [
      'WAN link to a hotel is cut',
      'risk',
      'One provider, one line per hotel',
      3,
      4,
      2,
      2,
      'transfer',
      svc('Guest Wi-Fi'),
      6,
    ],
    [
      'Key PMS supplier ends support for our version',
      'risk',
      'Contract renewal in 2027',
      2,
      4,
      2,
      4,
      'accept',
      svc('Booking system'),
      4,
    ],
    [
      'Night shift cannot reach second line',
      'risk',
      'No on-call rota at weekends',
      4,
      3,
      2,
      3,
      'reduce',
      [],
      1,
    ],
    ['Card terminals fail PCI audit', 'risk', 'Outdated terminal firmware', 2, 4, 1, 4, 'reduce', [], 5],
    [
      'Data centre cooling fails in summer',
      'risk',
      'Single air conditioning unit',
      2,
      4,
      2,
      3,
      'reduce',
      [],
      6,
    ],
    ['Licences over-deployed', 'risk', 'Manual licence tracking', 3, 2, 2, 2, 'reduce', [], 8],
    ['Key engineer leaves', 'risk', 'Network knowledge with one person', 3, 3, 2, 2, 'reduce', [], 5],
    [
      'Guest data leaked through Wi-Fi portal',
      'risk',
      'Portal collects e-mail addresses',
      2,
      5,
      1,
      5,
      'avoid',
      svc('Guest Wi-Fi'),
      3,
    ],
    [
      'Self-service portal reduces calls to the desk',
      'opportunity',
      'Staff ask for a portal',
      4,
      3,
      4,
      4,
      'exploit',
      [],
      6,
    ],
    [
      'Shared booking platform with the group',
      'opportunity',
      'Group-wide platform offered',
      2,
      4,
      3,
      4,
      'enhance',
      svc('Booking system'),
      9,
    ],
  ];
  for (const [title, kind, causes, il, ii, rl, ri, treatment, serviceIds, months] of list) {
    // recorded by top management, whose word a risk accepted above the acceptable level needs
    const r = await createRisk(ctx, top, {
      kind,
      title,
      causes,
      serviceIds,
      ownerId: owner,
      inherentLikelihood: il,
      inherentImpact: ii,
      residualLikelihood: rl,
      residualImpact: ri,
      treatment: treatment as 'reduce',
      reviewDue: inMonths(months),
    });
    if (treatment === 'reduce' && rl * ri >= 6)
      await addRiskAction(ctx, top, r.id, {
        title: `Treatment plan for: ${title}`,
        responsibleId: people.resolver ?? null,
        due: inMonths(2),
      });
  }
}
