import { emailTemplateKeys, type EmailTemplateKey } from '../api/types';

const templatePattern = /^email-templates\/([a-z]{2,3})\/([a-z0-9-]+)\.yaml$/;

export function isEmailTemplateKey(value: string | undefined): value is EmailTemplateKey {
  return (emailTemplateKeys as readonly (string | undefined)[]).includes(value);
}

/** The template key and language of a content path such as `email-templates/it/engineer-contact.yaml`; null for other items. */
export function parseEmailTemplatePath(path: string): { key: EmailTemplateKey; language: string } | null {
  const match = templatePattern.exec(path);
  const language = match?.[1];
  const key = match?.[2];
  return language !== undefined && isEmailTemplateKey(key) ? { key, language } : null;
}

export function emailTemplatePath(key: EmailTemplateKey, language: string): string {
  return `email-templates/${language}/${key}.yaml`;
}

export function emailTemplateUrl(key: EmailTemplateKey, language: string): string {
  return `/admin/email-templates/${key}/${language}`;
}

export function contentItemUrl(path: string): string {
  return `/admin/content/item?${new URLSearchParams({ path }).toString()}`;
}
