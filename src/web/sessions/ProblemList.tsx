import { List } from '@mantine/core';

/** The server's problems with fields that the form does not show (a slot's date, say). */
export function ProblemList({ problems }: { problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <List size="sm" c="red.8">
      {problems.map((problem) => (
        <List.Item key={problem}>{problem}</List.Item>
      ))}
    </List>
  );
}
