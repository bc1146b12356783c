-- A box learned from an endpoint's own coordinates, for endpoints whose registry entry has none.
ALTER TABLE harvest_state ADD COLUMN learned_bbox DOUBLE[];
