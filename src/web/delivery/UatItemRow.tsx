import { Badge, Button, Group, Loader, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../lib/format';
import {
  setUatResult,
  uatResults,
  useDeliveryMutation,
  type UatItem,
  type UatResult,
  type UatResultBody,
} from './deliveryApi';
import { UatEvidenceCell } from './UatEvidenceCell';
import { UatExceptionModal } from './UatExceptionModal';

interface UatItemRowProps {
  projectId: string;
  item: UatItem;
  canChange: boolean;
}

function isUatResult(value: string): value is UatResult {
  return (uatResults as readonly string[]).includes(value);
}

/**
 * One UAT item: what is expected, its result, a comment (the remark of a pass with a remark, which the customer signs),
 * its evidence file, and for a failure its acceptance as an exception.
 */
export function UatItemRow({ projectId, item, canChange }: UatItemRowProps) {
  const { t } = useTranslation();
  const localize = useLocalized();
  const title = localize(item.title);
  const [comment, setComment] = useState(item.comment ?? '');
  const [isAccepting, setAccepting] = useState(false);
  const [remarkError, setRemarkError] = useState<string | null>(null);
  const commentInput = useRef<HTMLTextAreaElement>(null);
  // The chosen option shows at once (assistive technology and tests expect it to); the server's answer settles it.
  const [pendingResult, setPendingResult] = useState<UatResult | null>(null);
  const record = useDeliveryMutation(
    projectId,
    (body: UatResultBody) => setUatResult(projectId, item.applicationKey, item.key, body),
    (body) =>
      body.exceptionReason === null
        ? t('delivery.uat.exception.withdrawn', { title })
        : body.result !== item.result
          ? t('delivery.uat.resultDone', {
              title,
              result: body.result ? t(`delivery.uat.results.${body.result}`) : t('delivery.uat.notRun'),
            })
          : t('delivery.uat.commentDone', { title }),
  );

  const trimmedComment = comment.trim();
  const isCommentChanged = trimmedComment !== (item.comment ?? '');

  // The comment is saved with the result the item has now; a result chosen while it is saved is not taken.
  function saveComment() {
    if (record.isPending) return;
    record.mutate({ result: item.result, comment: trimmedComment === '' ? null : trimmedComment });
  }

  const isFailed = item.result === 'fail';
  const shownResult = pendingResult ?? item.result;
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          {t('delivery.uat.expected', { expected: localize(item.expectedResult) })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <SegmentedControl
            aria-label={title}
            size="xs"
            data={uatResults.map((result) => ({ value: result, label: t(`delivery.uat.results.${result}`) }))}
            // No result yet: none of the options is chosen.
            value={shownResult ?? ''}
            onChange={(value) => {
              if (record.isPending || !isUatResult(value)) return;
              // A pass with a remark is recorded with its remark: ask for it first rather than be refused.
              if (value === 'pass-with-remark' && trimmedComment === '') {
                setRemarkError(t('delivery.uat.remarkRequired'));
                commentInput.current?.focus();
                return;
              }
              setRemarkError(null);
              setPendingResult(value);
              record.mutate(
                { result: value, comment: trimmedComment === '' ? null : trimmedComment },
                { onSettled: () => setPendingResult(null) },
              );
            }}
            disabled={!canChange}
            aria-busy={record.isPending}
            color={
              shownResult === 'fail'
                ? 'red'
                : shownResult === 'pass'
                  ? 'green'
                  : shownResult === 'pass-with-remark'
                    ? 'teal'
                    : undefined
            }
          />
          {record.isPending && <Loader size="xs" aria-label={t('common.loading')} />}
        </Group>
        {shownResult === null && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('delivery.uat.notRun')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <Textarea
            ref={commentInput}
            aria-label={
              shownResult === 'pass-with-remark' || remarkError !== null
                ? t('delivery.uat.remarkLabel', { title })
                : t('delivery.uat.commentLabel', { title })
            }
            placeholder={
              canChange
                ? remarkError !== null
                  ? t('delivery.uat.remarkPlaceholder')
                  : t('delivery.uat.commentPlaceholder')
                : undefined
            }
            error={remarkError}
            autosize
            minRows={1}
            maxLength={2000}
            size="xs"
            value={comment}
            onChange={(event) => {
              setComment(event.currentTarget.value);
              if (event.currentTarget.value.trim() !== '') setRemarkError(null);
            }}
            readOnly={!canChange}
          />
          {canChange && isCommentChanged && (
            <Button
              size="compact-xs"
              variant="light"
              style={{ alignSelf: 'flex-start' }}
              onClick={saveComment}
              loading={record.isPending}
              aria-label={t('delivery.uat.saveCommentLabel', { title })}
            >
              {t('delivery.uat.saveComment')}
            </Button>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <UatEvidenceCell projectId={projectId} item={item} title={title} canChange={canChange} />
      </Table.Td>
      <Table.Td>
        {isFailed && (
          <Stack gap={4}>
            {item.exceptionReason ? (
              <>
                <Badge color="orange" variant="light" component="span">
                  {t('delivery.uat.exception.accepted')}
                </Badge>
                <Text size="xs">{item.exceptionReason}</Text>
                {canChange && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => record.mutate({ result: 'fail', exceptionReason: null })}
                    loading={record.isPending}
                  >
                    {t('delivery.uat.exception.withdraw')}
                  </Button>
                )}
              </>
            ) : (
              <>
                <Badge color="red" variant="light" component="span">
                  {t('delivery.uat.failedOpen')}
                </Badge>
                {canChange && (
                  <Button size="compact-xs" variant="default" aria-haspopup="dialog" onClick={() => setAccepting(true)}>
                    {t('delivery.uat.exception.open')}
                  </Button>
                )}
              </>
            )}
          </Stack>
        )}
        {canChange && (
          <UatExceptionModal
            projectId={projectId}
            item={item}
            title={title}
            opened={isAccepting}
            onClose={() => setAccepting(false)}
          />
        )}
      </Table.Td>
    </Table.Tr>
  );
}
