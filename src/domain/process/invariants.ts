import type { ProcessTemplate } from './template';
import { findCurrentStepIndex, stepStatuses } from './state';
import type { ProcessState, StepStatus } from './state';

function isKnownStatus(status: unknown): status is StepStatus {
  return typeof status === 'string' && (stepStatuses as readonly string[]).includes(status);
}

function hasReason(reason: unknown): boolean {
  return typeof reason === 'string' && reason.trim() !== '';
}

/** Lists the ways a process state breaks the engine's rules for a template; empty when the state is valid. */
export function checkInvariants(template: ProcessTemplate, state: ProcessState): string[] {
  const problems: string[] = [];
  const templateKeys = new Set(template.steps.map((step) => step.key));
  for (const key of Object.keys(state.steps)) {
    if (!templateKeys.has(key)) problems.push(`step "${key}" is not in template "${template.key}"`);
  }
  const currentIndex = findCurrentStepIndex(template, state);
  template.steps.forEach((step, index) => {
    if (!Object.hasOwn(state.steps, step.key)) {
      problems.push(`step "${step.key}" is missing`);
      return;
    }
    const stepState = state.steps[step.key];
    const status: unknown = stepState?.status;
    if (!isKnownStatus(status)) {
      problems.push(`step "${step.key}" has an unknown status ${JSON.stringify(status)}`);
      return;
    }
    if (index === currentIndex && status !== 'open') {
      problems.push(`step "${step.key}" is the current step but is ${status}, not open`);
    }
    if (status === 'open' && index !== currentIndex) {
      problems.push(`step "${step.key}" is open but is not the current step`);
    }
    if (status === 'done' && currentIndex !== -1 && index > currentIndex) {
      problems.push(`step "${step.key}" is done after an unfinished step`);
    }
    if ((status === 'waived' || status === 'skipped') && !hasReason(stepState?.reason)) {
      problems.push(`step "${step.key}" is ${status} without a reason`);
    }
    if (status === 'skipped' && step.optional === undefined) {
      problems.push(`step "${step.key}" is skipped but is not optional`);
    }
  });
  return problems;
}
