import { useT } from '../i18n';

/** The case's workflow state as a badge; closed states are muted. */
export function StateBadge({ state, isTerminal, testId }: { state: string; isTerminal?: boolean; testId?: string }) {
  const { label } = useT();
  return (
    <span className={`badge badge--state badge--state-${isTerminal ? 'closed' : state}`} data-testid={testId} data-state={state}>
      {label('states', state)}
    </span>
  );
}
