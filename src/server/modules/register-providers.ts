import { authAccountCredentials } from './auth/account-credentials';
import { passwordLinkMinter } from './auth/password-link-minter';
import { deliveryProcessFacts } from './delivery/delivery.process-facts';
import { supersedeActivityReportOnWorkLogChange, tellChecklistOpened } from './delivery/delivery.listeners';
import { registerContactAccessWithdrawal } from './organisations/contact-access';
import { withdrawContactAccess } from './portal/portal-access.service';
import { findPortalLinkTimes } from './portal/portal.service';
import { registerPersonalLinkMinter, registerPersonalLinkTimesReader } from './mail/personal-links';
import { portalLinkMinter } from './portal/portal-link-minter';
import { onFirstSubmission } from './questionnaires/first-submission';
import { generateOnFirstSubmission } from './requirements/requirements.service';
import { registerProcessFactsProvider } from './projects/process-facts';
import { onStepOpened } from './projects/step-changes';
import { registerAccountCredentials } from './users/account-credentials';
import { onWorkLogChanged } from './work-log/work-log-changes';

/*
 * The one place where modules that sit higher plug into the ones below them: a lower module publishes a registry
 * (the process facts of projects, …) and this file hands it the higher modules' implementations, so that no lower
 * module imports a higher one. The app calls it as it is loaded (app.ts), before anything runs.
 */

/** Registers every module's providers; calling it again changes nothing. */
export function registerModuleProviders(): void {
  registerAccountCredentials(authAccountCredentials);
  registerProcessFactsProvider('delivery', deliveryProcessFacts);
  onWorkLogChanged('delivery', supersedeActivityReportOnWorkLogChange);
  onStepOpened('delivery', tellChecklistOpened);
  registerPersonalLinkMinter('portal', portalLinkMinter);
  registerPersonalLinkMinter('password', passwordLinkMinter);
  registerPersonalLinkTimesReader(findPortalLinkTimes);
  registerContactAccessWithdrawal(withdrawContactAccess);
  onFirstSubmission('requirements', generateOnFirstSubmission);
}
