import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { TokensPage } from '../admin/TokensPage.tsx';
import { UsersPage } from '../admin/UsersPage.tsx';
import { AuditLogPage } from '../audit/AuditLogPage.tsx';
import { LoginPage } from '../auth/LoginPage.tsx';
import { SetPasswordPage } from '../auth/SetPasswordPage.tsx';
import { SetupPage } from '../auth/SetupPage.tsx';
import { hasAny, useMe } from '../auth/session.ts';
import { HomePage } from '../home/HomePage.tsx';
import { NotFound } from './NotFound.tsx';
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
  const readers = hasAny(user, 'administrator', 'internal_auditor');
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
        <Route index element={<HomePage />} />
        {readers && <Route path="/admin/users" element={<UsersPage />} />}
        {readers && <Route path="/admin/tokens" element={<TokensPage />} />}
        {readers && <Route path="/audit" element={<AuditLogPage />} />}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
