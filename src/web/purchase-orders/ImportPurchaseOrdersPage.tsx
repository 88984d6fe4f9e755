import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  FileInput,
  Group,
  List,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { useApplications, useServices } from '../api/queries';
import type { ImportReport, ImportReportRow } from '../api/types';
import { can, useCurrentUser } from '../auth/session';
import { useDocumentTitle } from '../layout/useDocumentTitle';
import { ErrorAlert } from '../ui/ErrorAlert';

/** The server refuses a file above 2,000,000 characters; checking the size first saves sending it. */
const maxFileBytes = 2_000_000;

const columns = [
  { name: 'number', isRequired: true },
  { name: 'order_date', isRequired: true },
  { name: 'customer', isRequired: true },
  { name: 'partner', isRequired: false },
  { name: 'currency', isRequired: true },
  { name: 'amount', isRequired: true },
  { name: 'applications', isRequired: true },
  { name: 'lines', isRequired: true },
  { name: 'deployment', isRequired: true },
  { name: 'priority', isRequired: false },
  { name: 'project_name', isRequired: false },
] as const;

const exampleCsv = [
  columns.map((column) => column.name).join(','),
  'PO-2027-001,2027-01-15,Rossi SpA,Partner Srl,EUR,"4.800,00",call-recording|call-analytics,installation-remote=3|training-admin=1,virtual-appliance,high,',
].join('\n');

const rowStatusColors: Record<ImportReportRow['status'], string> = { created: 'green', valid: 'blue', refused: 'red' };

function ReportTable({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="sm">
        <VisuallyHidden component="caption">{t('purchaseOrderImport.reportCaption')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" style={{ width: '1%' }}>
              {t('purchaseOrderImport.line')}
            </Table.Th>
            <Table.Th scope="col">{t('purchaseOrderImport.number')}</Table.Th>
            <Table.Th scope="col">{t('purchaseOrderImport.status')}</Table.Th>
            <Table.Th scope="col">{t('purchaseOrderImport.problems')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.rows.map((row) => (
            <Table.Tr key={row.line}>
              <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{row.line}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {row.purchaseOrderId ? (
                  <Anchor component={Link} to={`/purchase-orders/${row.purchaseOrderId}`} fw={600}>
                    {row.number ?? row.line}
                  </Anchor>
                ) : (
                  (row.number ?? <Text c="dimmed">—</Text>)
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={rowStatusColors[row.status]} variant={row.status === 'refused' ? 'filled' : 'light'}>
                  {t(`purchaseOrderImport.rowStatuses.${row.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {row.problems.length === 0 ? (
                  t('purchaseOrderImport.noProblems')
                ) : (
                  <List size="sm" spacing={2}>
                    {row.problems.map((problem, index) => (
                      <List.Item key={`${problem.column}-${index}`}>
                        <Code>{problem.column}</Code> {problem.message}
                      </List.Item>
                    ))}
                  </List>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function FormatHelp() {
  const { t } = useTranslation();
  const applications = useApplications();
  const services = useServices();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="csv-format-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="csv-format-heading">
          {t('purchaseOrderImport.formatTitle')}
        </Title>
        <Text size="sm">{t('purchaseOrderImport.formatBody')}</Text>
        <Table.ScrollContainer minWidth={560}>
          <Table withTableBorder verticalSpacing={4}>
            <VisuallyHidden component="caption">{t('purchaseOrderImport.columnsCaption')}</VisuallyHidden>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('purchaseOrderImport.column')}</Table.Th>
                <Table.Th scope="col">{t('purchaseOrderImport.required')}</Table.Th>
                <Table.Th scope="col">{t('purchaseOrderImport.meaning')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {columns.map((column) => (
                <Table.Tr key={column.name}>
                  <Table.Td>
                    <Code>{column.name}</Code>
                  </Table.Td>
                  <Table.Td>
                    {column.isRequired ? t('purchaseOrderImport.requiredYes') : t('purchaseOrderImport.requiredNo')}
                  </Table.Td>
                  <Table.Td>{t(`purchaseOrderImport.columns.${column.name}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {applications.data && (
          <Text size="sm">
            {t('purchaseOrderImport.applicationKeys')}{' '}
            {applications.data.map((application, index) => (
              <span key={application.key}>
                {index > 0 && ', '}
                <Code>{application.key}</Code>
              </span>
            ))}
          </Text>
        )}
        {services.data && (
          <Text size="sm">
            {t('purchaseOrderImport.serviceKeys')}{' '}
            {services.data.map((service, index) => (
              <span key={service.key}>
                {index > 0 && ', '}
                <Code>{service.key}</Code>
              </span>
            ))}
          </Text>
        )}
        <Text size="sm" fw={500} id="csv-example-label">
          {t('purchaseOrderImport.example')}
        </Text>
        <Code block aria-labelledby="csv-example-label" style={{ whiteSpace: 'pre', overflowX: 'auto' }}>
          {exampleCsv}
        </Code>
        <Anchor
          size="sm"
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(exampleCsv)}`}
          download="purchase-orders-example.csv"
          style={{ alignSelf: 'flex-start' }}
        >
          {t('purchaseOrderImport.downloadExample')}
        </Anchor>
      </Stack>
    </Paper>
  );
}

function BusyIndicator({ label }: { label: string }) {
  return (
    <Stack gap={4} role="status">
      <Text size="sm">{label}</Text>
      <Progress value={100} animated striped aria-hidden />
    </Stack>
  );
}

export default function ImportPurchaseOrdersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('purchaseOrderImport.title'));
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const check = useMutation({
    mutationFn: (text: string) => call(api.POST('/api/purchase-orders/import', { body: { csv: text, dryRun: true } })),
  });
  const importRows = useMutation({
    mutationFn: (text: string) => call(api.POST('/api/purchase-orders/import', { body: { csv: text, dryRun: false } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['purchaseOrders'] }),
  });

  if (!can(user, 'managePurchaseOrders')) {
    return (
      <Stack>
        <Title order={1}>{t('purchaseOrderImport.title')}</Title>
        <Text>{t('errors.forbidden')}</Text>
      </Stack>
    );
  }

  async function choose(chosen: File | null) {
    check.reset();
    importRows.reset();
    setFile(chosen);
    setCsv(null);
    setFileError(null);
    if (!chosen) return;
    if (chosen.size > maxFileBytes) {
      setFileError(t('purchaseOrderImport.fileTooLarge'));
      return;
    }
    try {
      // File.text() decodes as UTF-8, the encoding the server expects.
      const text = await chosen.text();
      if (text.trim() === '') setFileError(t('purchaseOrderImport.fileEmpty'));
      else setCsv(text);
    } catch {
      setFileError(t('purchaseOrderImport.fileUnreadable'));
    }
  }

  function reset() {
    void choose(null);
  }

  const checked = check.data;
  const imported = importRows.data;
  const validCount = checked?.rows.filter((row) => row.status === 'valid').length ?? 0;
  const refusedCount = checked?.refused ?? 0;
  const isBusy = check.isPending || importRows.isPending;
  const fileName = file?.name ?? '';

  return (
    <Stack maw={1000}>
      <Anchor component={Link} to="/purchase-orders" size="sm">
        <span aria-hidden>← </span>
        {t('purchaseOrders.back')}
      </Anchor>
      <Title order={1}>{t('purchaseOrderImport.title')}</Title>
      <Text>{t('purchaseOrderImport.intro')}</Text>

      <Paper withBorder p="lg">
        <Stack>
          <FileInput
            label={t('purchaseOrderImport.file')}
            description={t('purchaseOrderImport.fileHint')}
            placeholder={t('purchaseOrderImport.filePlaceholder')}
            accept=".csv,.txt,text/csv,text/plain"
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            value={file}
            onChange={(chosen) => void choose(chosen)}
            error={fileError}
            disabled={isBusy}
            maw={480}
          />
          {!imported && (
            <Group>
              <Button
                onClick={() => csv !== null && check.mutate(csv)}
                disabled={csv === null || isBusy}
                loading={check.isPending}
                variant={checked ? 'default' : 'filled'}
              >
                {checked ? t('purchaseOrderImport.checkAgain') : t('purchaseOrderImport.check')}
              </Button>
              {checked && validCount > 0 && (
                <Button
                  onClick={() => csv !== null && importRows.mutate(csv)}
                  disabled={isBusy}
                  loading={importRows.isPending}
                >
                  {t('purchaseOrderImport.importValid', { count: validCount })}
                </Button>
              )}
            </Group>
          )}
          {check.isPending && <BusyIndicator label={t('purchaseOrderImport.checking')} />}
          {importRows.isPending && <BusyIndicator label={t('purchaseOrderImport.importing')} />}
          <div aria-live="polite">
            {check.error ? <ErrorAlert error={check.error} title={t('purchaseOrderImport.fileFailed')} /> : null}
            {importRows.error ? (
              <ErrorAlert error={importRows.error} title={t('purchaseOrderImport.fileFailed')} />
            ) : null}
          </div>
        </Stack>
      </Paper>

      {imported ? (
        <Stack component="section" aria-labelledby="import-result-heading">
          <Title order={2} size="h3" id="import-result-heading">
            {t('purchaseOrderImport.resultTitle', { file: fileName })}
          </Title>
          <Alert color={imported.refused > 0 ? 'orange' : 'green'} role="status">
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('purchaseOrderImport.createdCount', { count: imported.created })}
                {imported.refused > 0 && ` · ${t('purchaseOrderImport.refusedCount', { count: imported.refused })}`}
              </Text>
              {imported.refused > 0 && <Text size="sm">{t('purchaseOrderImport.refusedAfterImport')}</Text>}
            </Stack>
          </Alert>
          <ReportTable report={imported} />
          <Group>
            <Button component={Link} to="/purchase-orders">
              {t('purchaseOrderImport.viewDrafts')}
            </Button>
            <Button variant="default" onClick={reset}>
              {t('purchaseOrderImport.another')}
            </Button>
          </Group>
        </Stack>
      ) : checked ? (
        <Stack component="section" aria-labelledby="import-check-heading">
          <Title order={2} size="h3" id="import-check-heading">
            {t('purchaseOrderImport.checkTitle', { file: fileName })}
          </Title>
          <Alert color={validCount === 0 ? 'red' : refusedCount > 0 ? 'orange' : 'blue'} role="status">
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('purchaseOrderImport.validCount', { count: validCount })}
                {refusedCount > 0 && ` · ${t('purchaseOrderImport.refusedCount', { count: refusedCount })}`}
              </Text>
              {validCount === 0 && <Text size="sm">{t('purchaseOrderImport.nothingValid')}</Text>}
            </Stack>
          </Alert>
          <ReportTable report={checked} />
        </Stack>
      ) : null}
      <FormatHelp />
    </Stack>
  );
}
