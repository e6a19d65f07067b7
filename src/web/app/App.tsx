import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { isInternal } from '../../kernel/access/roles.ts';
import { changeRecorders } from '../../modules/changes/policy.ts';
import { articleApprovers, articleWriters } from '../../modules/knowledge/policy.ts';
import { problemManagers } from '../../modules/problems/policy.ts';
import { reviewReaders } from '../../modules/reviews/policy.ts';
import { TokensPage } from '../admin/TokensPage.tsx';
import { UsersPage } from '../admin/UsersPage.tsx';
import { AgreementsPage } from '../agreements/AgreementsPage.tsx';
import { CalendarsPage } from '../agreements/CalendarsPage.tsx';
import { ReportPage } from '../agreements/ReportPage.tsx';
import { AuditLogPage } from '../audit/AuditLogPage.tsx';
import { AuditPage as InternalAuditPage } from '../audits/AuditPage.tsx';
import { FindingsPage } from '../audits/FindingsPage.tsx';
import { ProgrammePage } from '../audits/ProgrammePage.tsx';
import { ProgrammesPage } from '../audits/ProgrammesPage.tsx';
import { LoginPage } from '../auth/LoginPage.tsx';
import { SetPasswordPage } from '../auth/SetPasswordPage.tsx';
import { SetupPage } from '../auth/SetupPage.tsx';
import { can, useMe } from '../auth/session.ts';
import { ChangesPage } from '../changes/ChangesPage.tsx';
import { NewChangePage } from '../changes/NewChangePage.tsx';
import { AuditPage } from '../cmdb/AuditPage.tsx';
import { AuditsPage } from '../cmdb/AuditsPage.tsx';
import { CiPage } from '../cmdb/CiPage.tsx';
import { CisPage } from '../cmdb/CisPage.tsx';
import { ClassesPage } from '../cmdb/ClassesPage.tsx';
import { ImportPage } from '../cmdb/ImportPage.tsx';
import { LicencesPage } from '../cmdb/LicencesPage.tsx';
import { CommunicationPage } from '../governance/CommunicationPage.tsx';
import { ContextPage } from '../governance/ContextPage.tsx';
import { LeadershipPage } from '../governance/LeadershipPage.tsx';
import { ObjectivePage } from '../governance/ObjectivePage.tsx';
import { ObjectivesPage } from '../governance/ObjectivesPage.tsx';
import { PlanPage } from '../governance/PlanPage.tsx';
import { PoliciesPage } from '../governance/PoliciesPage.tsx';
import { PolicyPage } from '../governance/PolicyPage.tsx';
import { ProcessesPage } from '../governance/ProcessesPage.tsx';
import { RiskPage } from '../governance/RiskPage.tsx';
import { RisksPage } from '../governance/RisksPage.tsx';
import { RolePage } from '../governance/RolePage.tsx';
import { RolesPage } from '../governance/RolesPage.tsx';
import { HomePage } from '../home/HomePage.tsx';
import { ImprovementPage } from '../improvements/ImprovementPage.tsx';
import { ImprovementsPage } from '../improvements/ImprovementsPage.tsx';
import { ArticleEditorPage } from '../knowledge/ArticleEditor.tsx';
import { ArticlePage } from '../knowledge/ArticlePage.tsx';
import { KnowledgePage } from '../knowledge/KnowledgePage.tsx';
import { ReviewQueuePage } from '../knowledge/ReviewQueuePage.tsx';
import { NonconformitiesPage } from '../nonconformities/NonconformitiesPage.tsx';
import { PortalHome } from '../portal/PortalHome.tsx';
import { ReportIncidentPage } from '../portal/ReportIncidentPage.tsx';
import { CataloguePage } from '../portfolio/CataloguePage.tsx';
import { ServicePage } from '../portfolio/ServicePage.tsx';
import { ServicesPage } from '../portfolio/ServicesPage.tsx';
import { CandidatesPage } from '../problems/CandidatesPage.tsx';
import { KnownErrorsPage } from '../problems/KnownErrorsPage.tsx';
import { NewProblemPage } from '../problems/NewProblemPage.tsx';
import { ProblemsPage } from '../problems/ProblemsPage.tsx';
import { ReadinessPage } from '../readiness/ReadinessPage.tsx';
import { RequirementsPage } from '../readiness/RequirementsPage.tsx';
import { RulesPage } from '../readiness/RulesPage.tsx';
import { ReportsPage } from '../reports/ReportsPage.tsx';
import { OrderPage } from '../requests/OrderPage.tsx';
import { WorkItemRoute } from '../requests/WorkItemRoute.tsx';
import { ReviewActionsPage } from '../reviews/ReviewActionsPage.tsx';
import { ReviewPage } from '../reviews/ReviewPage.tsx';
import { ReviewsPage } from '../reviews/ReviewsPage.tsx';
import { SearchPage } from '../search/SearchPage.tsx';
import { NewIncidentPage } from '../servicedesk/NewIncidentPage.tsx';
import { WorkspacePage } from '../servicedesk/WorkspacePage.tsx';
import { NotFound } from './NotFound.tsx';
import { adminOrAuditor, deskWorkers, editors } from './navigation.ts';
import { Shell } from './Shell.tsx';

export function App() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  const user = me.data ?? null;
  const readers = can(user, adminOrAuditor);
  const staffOrAuditor = !!user && isInternal(user);
  return (
    <Routes>
      <Route path="/login" element={user ? <Navigate to="/" replace /> : <LoginPage />} />
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/set-password" element={<SetPasswordPage />} />
      <Route
        element={
          user ? <Shell me={user} /> : <Navigate to="/login" replace state={{ from: location.pathname }} />
        }
      >
        <Route index element={staffOrAuditor ? <HomePage /> : <PortalHome />} />
        <Route path="/catalogue" element={<CataloguePage />} />
        <Route path="/catalogue/items/:id" element={<OrderPage />} />
        <Route path="/report" element={<ReportIncidentPage />} />
        <Route path="/policies" element={<PoliciesPage />} />
        <Route path="/policies/:id" element={<PolicyPage />} />
        {staffOrAuditor && <Route path="/objectives" element={<ObjectivesPage />} />}
        {staffOrAuditor && <Route path="/objectives/:id" element={<ObjectivePage />} />}
        {staffOrAuditor && <Route path="/leadership" element={<LeadershipPage />} />}
        {staffOrAuditor && <Route path="/risks" element={<RisksPage />} />}
        {staffOrAuditor && <Route path="/risks/:id" element={<RiskPage />} />}
        {staffOrAuditor && <Route path="/roles" element={<RolesPage />} />}
        {staffOrAuditor && <Route path="/roles/:id" element={<RolePage />} />}
        {staffOrAuditor && <Route path="/processes" element={<ProcessesPage />} />}
        {staffOrAuditor && <Route path="/context" element={<ContextPage />} />}
        {staffOrAuditor && <Route path="/plan" element={<PlanPage />} />}
        {staffOrAuditor && <Route path="/communication" element={<CommunicationPage />} />}
        {staffOrAuditor && <Route path="/readiness" element={<ReadinessPage />} />}
        {staffOrAuditor && <Route path="/readiness/requirements" element={<RequirementsPage />} />}
        {staffOrAuditor && <Route path="/readiness/rules" element={<RulesPage />} />}
        {staffOrAuditor && <Route path="/internal-audits" element={<ProgrammesPage />} />}
        {staffOrAuditor && <Route path="/internal-audits/programmes/:id" element={<ProgrammePage />} />}
        {staffOrAuditor && <Route path="/internal-audits/:id" element={<InternalAuditPage />} />}
        {staffOrAuditor && <Route path="/findings" element={<FindingsPage />} />}
        {/* check and act (act half) */}
        {staffOrAuditor && <Route path="/nonconformities" element={<NonconformitiesPage />} />}
        {staffOrAuditor && <Route path="/improvements" element={<ImprovementsPage />} />}
        {staffOrAuditor && <Route path="/improvements/:id" element={<ImprovementPage />} />}
        {can(user, reviewReaders) && <Route path="/management-reviews" element={<ReviewsPage />} />}
        {staffOrAuditor && <Route path="/management-reviews/actions" element={<ReviewActionsPage />} />}
        {can(user, reviewReaders) && <Route path="/management-reviews/:id" element={<ReviewPage />} />}
        {staffOrAuditor && <Route path="/service-reports" element={<ReportsPage />} />}
        {staffOrAuditor && <Route path="/work-items" element={<WorkspacePage />} />}
        {can(user, deskWorkers) && <Route path="/incidents/new" element={<NewIncidentPage />} />}
        {staffOrAuditor && <Route path="/changes" element={<ChangesPage />} />}
        {can(user, changeRecorders) && <Route path="/changes/new" element={<NewChangePage />} />}
        {staffOrAuditor && <Route path="/problems" element={<ProblemsPage />} />}
        {can(user, problemManagers) && <Route path="/problems/new" element={<NewProblemPage />} />}
        {staffOrAuditor && <Route path="/problems/candidates" element={<CandidatesPage />} />}
        {staffOrAuditor && <Route path="/known-errors" element={<KnownErrorsPage />} />}
        <Route path="/work-items/:number" element={<WorkItemRoute />} />
        <Route path="/search" element={<SearchPage />} />
        <Route path="/knowledge" element={<KnowledgePage />} />
        {can(user, articleApprovers) && <Route path="/knowledge/review" element={<ReviewQueuePage />} />}
        {can(user, articleWriters) && <Route path="/knowledge/new" element={<ArticleEditorPage />} />}
        {can(user, articleWriters) && <Route path="/knowledge/:id/edit" element={<ArticleEditorPage />} />}
        <Route path="/knowledge/:id" element={<ArticlePage />} />
        {staffOrAuditor && <Route path="/services" element={<ServicesPage />} />}
        {staffOrAuditor && <Route path="/services/:id" element={<ServicePage />} />}
        {staffOrAuditor && <Route path="/agreements" element={<AgreementsPage />} />}
        {staffOrAuditor && <Route path="/agreements/:id/report" element={<ReportPage />} />}
        {staffOrAuditor && <Route path="/calendars" element={<CalendarsPage />} />}
        {staffOrAuditor && <Route path="/cis" element={<CisPage />} />}
        {staffOrAuditor && <Route path="/cis/:id" element={<CiPage />} />}
        {staffOrAuditor && <Route path="/cmdb/classes" element={<ClassesPage />} />}
        {can(user, editors.cmdb) && <Route path="/cmdb/import" element={<ImportPage />} />}
        {staffOrAuditor && <Route path="/cmdb/licences" element={<LicencesPage />} />}
        {staffOrAuditor && <Route path="/cmdb/audits" element={<AuditsPage />} />}
        {staffOrAuditor && <Route path="/cmdb/audits/:id" element={<AuditPage />} />}
        {readers && <Route path="/admin/users" element={<UsersPage />} />}
        {readers && <Route path="/admin/tokens" element={<TokensPage />} />}
        {readers && <Route path="/audit" element={<AuditLogPage />} />}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
