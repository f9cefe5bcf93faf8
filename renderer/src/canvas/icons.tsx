// Small line icons drawn as SVG, so they look the same whatever fonts the system has.
const PATHS = {
  up: 'M8 13V3M4 7l4-4 4 4',
  down: 'M8 3v10M4 9l4 4 4-4',
  into: 'M3 3v5a2 2 0 0 0 2 2h8M10 7l3 3-3 3',
  out: 'M13 13V8a2 2 0 0 0-2-2H3M6 3L3 6l3 3',
  duplicate: 'M6 6h7v7H6zM3 10V3h7',
  delete: 'M4 4l8 8M12 4l-8 8',
  grip: 'M6 4h.01M10 4h.01M6 8h.01M10 8h.01M6 12h.01M10 12h.01',
  undo: 'M5 4L2 7l3 3M2 7h8a4 4 0 0 1 0 8H7',
  redo: 'M11 4l3 3-3 3M14 7H6a4 4 0 0 0 0 8h3',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      viewBox="0 0 16 16"
      width="14"
      height="14"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth={name === 'grip' ? 2.6 : 1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
