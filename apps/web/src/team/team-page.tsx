/** The team dashboard `/team` (being built). */
export function TeamPage() {
  return <main className="app-page" data-testid="team-page" />;
}
