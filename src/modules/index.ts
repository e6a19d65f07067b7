import { kernelModules } from '../kernel/modules.ts';
import { administration } from './administration/index.ts';
import { agreementsModule } from './agreements/index.ts';
import { auditsModule } from './audits/index.ts';
import { changesModule } from './changes/index.ts';
import { cmdb } from './cmdb/index.ts';
import { communicationModule } from './communication/index.ts';
import { contextModule } from './context/index.ts';
import { improvementsModule } from './improvements/index.ts';
import { knowledgeModule } from './knowledge/index.ts';
import { leadershipModule } from './leadership/index.ts';
import { nonconformitiesModule } from './nonconformities/index.ts';
import { objectivesModule } from './objectives/index.ts';
import { planModule } from './plan/index.ts';
import { policiesModule } from './policies/index.ts';
import { portfolio } from './portfolio/index.ts';
import { problemsModule } from './problems/index.ts';
import { readinessModule } from './readiness/index.ts';
import { reportsModule } from './reports/index.ts';
import { requestsModule } from './requests/index.ts';
import { reviewsModule } from './reviews/index.ts';
import { risksModule } from './risks/index.ts';
import { rolesModule } from './roles/index.ts';
import { serviceDesk } from './servicedesk/index.ts';

/** Everything Keel serves, kernel first. A new capability adds its module here. */
export const allModules = [
  ...kernelModules,
  administration,
  cmdb,
  portfolio,
  agreementsModule,
  serviceDesk,
  requestsModule,
  changesModule,
  problemsModule,
  objectivesModule,
  policiesModule,
  rolesModule,
  risksModule,
  contextModule,
  communicationModule,
  planModule,
  leadershipModule,
  knowledgeModule,
  nonconformitiesModule,
  improvementsModule,
  readinessModule,
  auditsModule,
  reviewsModule,
  reportsModule,
];
