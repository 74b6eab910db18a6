import { networkFailure } from './api/client';
import { LangProvider } from './i18n';
import { usePath } from './router';
import { screenAt, useScreens } from './routes';
import { Home } from './screens/home/Home';
import { ApplicantSignUp, signUpPath } from './screens/applicant/SignUp';
import { PublicPage } from './screens/public/lazy';
import { isPublicPath, publicMenu } from './screens/public/pages';
import { SignIn } from './screens/signIn/SignIn';
import { SessionProvider, useSession } from './session';
import { Layout } from './ui/Layout';
import { ErrorView, Loading } from './ui/States';

function Screens() {
  const path = usePath();
  const { view, signOut } = useSession();
  const code = useScreens(view.state === 'signedIn');
  if (isPublicPath(path)) {
    // The public pages need no session, and are the same for anyone signed in.
    return (
      <Layout path={path} links={publicMenu}>
        <PublicPage path={path} />
      </Layout>
    );
  }
  if (view.state === 'checking')
    return (
      <Layout path={path}>
        <Loading />
      </Layout>
    );
  if (view.state === 'signedOut')
    return (
      <Layout path={path}>
        {path === signUpPath ? <ApplicantSignUp /> : <SignIn reason={view.reason} />}
      </Layout>
    );
  if (code.state !== 'ready')
    return (
      <Layout path={path} onSignOut={() => void signOut()}>
        {code.state === 'loading' ? (
          <Loading />
        ) : (
          <ErrorView failure={networkFailure()} onRetry={code.retry} />
        )}
      </Layout>
    );
  // A path outside the role's screens shows its home: the menu never offers another role's.
  const Screen = screenAt(path, view.role)?.component ?? Home;
  return (
    <Layout path={path} role={view.role} onSignOut={() => void signOut()}>
      <Screen />
    </Layout>
  );
}

export function App() {
  return (
    <LangProvider>
      <SessionProvider>
        <Screens />
      </SessionProvider>
    </LangProvider>
  );
}
