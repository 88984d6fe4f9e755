import type { TestEngage } from './harness';

/** Creates organisations and projects through the API, as a person would. */
export function apiFixtures(engage: TestEngage, cookie: string) {
  async function post<T = Record<string, unknown>>(url: string, payload: unknown, expectedStatus = 201): Promise<T> {
    const response = await engage.request({
      method: 'POST',
      url,
      headers: { cookie },
      payload: payload as Record<string, unknown>,
    });
    if (response.statusCode !== expectedStatus)
      throw new Error(`POST ${url} answered ${response.statusCode}: ${response.body}`);
    return (response.body === '' ? undefined : response.json<T>()) as T;
  }
  let counter = 0;
  return {
    post,
    customer: async (name?: string) => {
      counter += 1;
      return post<{ id: string; name: string }>('/api/organisations', {
        kind: 'customer',
        name: name ?? `Customer ${counter} ${Date.now()}`,
      });
    },
    partner: async (paymentTerms: 'engage-on-po' | 'prepayment-required' = 'engage-on-po') => {
      counter += 1;
      return post<{ id: string; name: string }>('/api/organisations', {
        kind: 'partner',
        name: `Partner ${counter} ${Date.now()}`,
        paymentTerms,
      });
    },
    project: async (overrides: Record<string, unknown> & { customerId: string }) =>
      post<ProjectDetailLike>('/api/projects', {
        name: 'Call recording roll-out',
        applications: ['call-recording'],
        priority: 'normal',
        deployment: 'virtual-appliance',
        purchasedEffortDays: 5,
        trainingPurchased: false,
        ...overrides,
      }),
  };
}

export interface ProjectDetailLike {
  id: string;
  reference: string;
  state: string;
  waitingOn: string[];
  currentStep: { key: string; code: string } | null;
  allowedActions: { type: string; stepKey: string }[];
  process: {
    isComplete: boolean;
    blockers: { criterionKey: string; isGate: boolean; owner: string }[];
    timeline: {
      key: string;
      code: string;
      display: string;
      reason?: string;
      criteria: { key: string; holds: boolean; source: string }[];
    }[];
  };
  [key: string]: unknown;
}
