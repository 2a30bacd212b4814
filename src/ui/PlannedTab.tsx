interface Props {
  title: string;
  steps: string[];
}

/** A tab whose capability is not built yet: says plainly what it will do. */
export function PlannedTab({ title, steps }: Props) {
  return (
    <section aria-label={title} className="planned">
      <h2>{title}</h2>
      <p>This part of the pipeline is not built yet. It will:</p>
      <ul>
        {steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </section>
  );
}
