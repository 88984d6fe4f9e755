import { Button, Card, Group, List, Loader, Modal, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../api/client';
import { queryKeys, useCustomerCalendar } from '../api/queries';
import { formatCalendarDate } from '../lib/format';
import { LiveError } from '../ui/ErrorAlert';
import { CalendarForm, formatHolidayRegion, formatHours, weekdayName } from './CalendarForm';

const shownHolidays = 5;

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** An organisation's business days and hours, its time zone and coming public holidays; admins and managers may edit them. */
export function BusinessCalendarCard({ organisationId, mayEdit }: { organisationId: string; mayEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const queryClient = useQueryClient();
  const calendar = useCustomerCalendar(organisationId);
  const [isEditing, setEditing] = useState(false);
  const data = calendar.data;
  const holidays = data ? data.upcomingHolidays.slice(0, shownHolidays) : [];

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="business-calendar-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="business-calendar-title">
            {t('calendars.businessTitle')}
          </Title>
          {mayEdit && data && (
            <Button
              size="xs"
              variant="default"
              aria-haspopup="dialog"
              aria-label={t('calendars.editBusiness')}
              onClick={() => setEditing(true)}
            >
              {t('calendars.edit')}
            </Button>
          )}
        </Group>
        <LiveError error={calendar.error} />
        {calendar.isPending ? (
          <Group justify="center" p="md" role="status">
            <Loader size="sm" aria-label={t('common.loading')} />
          </Group>
        ) : data ? (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Fact label={t('calendars.timeZone')}>{data.timeZone}</Fact>
              <Fact label={t('calendars.businessDays')}>
                {data.businessDays.map((day) => weekdayName(day, language, 'short')).join(', ')}
              </Fact>
              <Fact label={t('calendars.businessHours')}>{formatHours(data.businessHours)}</Fact>
              <Fact label={t('calendars.holidays')}>{formatHolidayRegion(data.holidays, language)}</Fact>
            </SimpleGrid>
            <div>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('calendars.upcomingHolidays')}
              </Text>
              {holidays.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('calendars.noHolidays')}
                </Text>
              ) : (
                <List size="sm" spacing={2}>
                  {holidays.map((holiday) => (
                    <List.Item key={`${holiday.date}-${holiday.name}`}>
                      {formatCalendarDate(holiday.date, language)} · {holiday.name}
                    </List.Item>
                  ))}
                </List>
              )}
            </div>
          </>
        ) : null}
      </Stack>
      <Modal
        opened={isEditing}
        onClose={() => setEditing(false)}
        title={t('calendars.editBusiness')}
        size="lg"
        centered
      >
        {data && isEditing && (
          <CalendarForm
            initial={{
              timeZone: data.timeZone,
              days: data.businessDays,
              hours: data.businessHours,
              holidays: data.holidays,
            }}
            daysLabel={t('calendars.businessDays')}
            hoursLabel={t('calendars.businessHours')}
            serverFields={{ days: 'businessDays', hours: 'businessHours' }}
            save={(values) =>
              call(
                api.PUT('/api/organisations/{id}/calendar', {
                  params: { path: { id: organisationId } },
                  body: {
                    timeZone: values.timeZone,
                    businessDays: values.days,
                    businessHours: values.hours,
                    holidays: values.holidays,
                  },
                }),
              ).then((updated) => queryClient.setQueryData(queryKeys.customerCalendar(organisationId), updated))
            }
            onSaved={() => {
              notifications.show({ color: 'green', message: t('calendars.saved') });
              setEditing(false);
            }}
            onCancel={() => setEditing(false)}
          />
        )}
      </Modal>
    </Card>
  );
}
