/** Attribute names (no semantic convention covers UI targets yet). */
export const INTERACTION_ATTRIBUTES = {
  event: 'interaction.event',
  key: 'interaction.key',
  tag: 'interaction.target.tag',
  id: 'interaction.target.id',
  path: 'interaction.target.path',
} as const;
