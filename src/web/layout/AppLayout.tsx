import { AppShell, Burger, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { ChangePasswordDialog } from '../auth/ChangePasswordDialog';
import { can, useCurrentUser, useLogout } from '../auth/session';
import { useMailMode } from '../admin/trialMail';
import { PageLoader } from './PageLoader';
import { TrialBanner } from './TrialBanner';

function Navigation({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const isTrialMailbox = useMailMode().data?.isTrialMailbox === true;
  const links: { to: string; label: string; end: boolean; also?: string[] }[] = [
    { to: '/', label: t('nav.pipeline'), end: true },
    ...(can(user, 'managePurchaseOrders')
      ? [{ to: '/purchase-orders', label: t('nav.purchaseOrders'), end: false }]
      : []),
    { to: '/organisations', label: t('nav.organisations'), end: false },
    { to: '/calendar', label: t('calendar.nav.calendar'), end: false },
    { to: '/capacity', label: t('calendar.nav.capacity'), end: false },
    // Every staff role looks up the installation dossiers of closed projects; support most of all.
    { to: '/dossiers', label: t('delivery.nav.dossiers'), end: false },
    ...(can(user, 'manageUsers') ? [{ to: '/admin/users', label: t('nav.users'), end: false }] : []),
    ...(can(user, 'openTrialMailbox') && isTrialMailbox
      ? [{ to: '/admin/trial-mailbox', label: t('trialMail.nav'), end: false }]
      : []),
    // The email templates live under their own path, but they belong to the content library.
    ...(can(user, 'manageContent')
      ? [{ to: '/admin/content', label: t('nav.content'), end: false, also: ['/admin/email-templates'] }]
      : []),
  ];
  return (
    <>
      {links.map((link) => {
        const isUnder = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
        const isActive = link.end ? pathname === link.to : isUnder(link.to) || (link.also ?? []).some(isUnder);
        return (
          <Link
            key={link.to}
            to={link.to}
            className="nav-link"
            aria-current={isActive ? 'page' : undefined}
            onClick={onNavigate}
          >
            {link.label}
          </Link>
        );
      })}
    </>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const [isChangingPassword, setChangingPassword] = useState(false);
  return (
    <>
      <ChangePasswordDialog opened={isChangingPassword} onClose={() => setChangingPassword(false)} />
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <UnstyledButton aria-label={t('nav.userMenu', { name: user.name })} px="sm" py={4}>
            <Stack gap={0} align="flex-end">
              <Text size="sm" fw={600}>
                {user.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`roles.${user.role}`)}
              </Text>
            </Stack>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{user.email}</Menu.Label>
          <Menu.Item onClick={() => setChangingPassword(true)} aria-haspopup="dialog">
            {t('accounts.change.menu')}
          </Menu.Item>
          <Menu.Item
            onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
          >
            {t('nav.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}

export default function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [isNavOpen, { toggle, close }] = useDisclosure(false);
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'md', collapsed: { desktop: true, mobile: !isNavOpen } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap">
            <Burger
              opened={isNavOpen}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={t('nav.toggleNavigation')}
            />
            <Text component="span" fw={800} size="xl" c="blue.8">
              Engage
            </Text>
            <Group component="nav" aria-label={t('nav.main')} gap={4} visibleFrom="md">
              <Navigation />
            </Group>
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="md" aria-label={t('nav.main')} component="nav" hiddenFrom="md">
        <Stack gap={4}>
          <Navigation onNavigate={close} />
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <TrialBanner mailboxLink={can(user, 'openTrialMailbox')} />
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
