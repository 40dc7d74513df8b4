-- POST /orders as an orderer: the caller; the permission (active, its system) and the units (the provider's, active);
-- rule 13 (no open order for the same person and permission); the next reference number of the year in a short
-- transaction of its own (as Sesam does: a counter row locked for the whole order's transaction would make
-- concurrent orders wait for each other; a number lost to a failed order is a gap, not a duplicate); then in
-- one transaction the order, its unit, its history row and its audit row. A new person each time (bench_pn).
SELECT a.id, a.email, a.name, a.provider_id, a.is_admin, a.is_it, a.active, a.session_generation, r.provider_id AS right_provider, p.name AS right_provider_name FROM accounts a LEFT JOIN ordering_rights r ON r.account_id = a.id AND r.revoked_at IS NULL LEFT JOIN providers p ON p.id = r.provider_id AND p.active WHERE a.id = :caller;
SELECT pe.id, pe.system_id, pe.active, s.active FROM permissions pe JOIN systems s ON s.id = pe.system_id WHERE pe.id = :permission;
SELECT u.id, u.provider_id, u.active FROM units u WHERE u.id = :unit;
SELECT nextval('bench_pn') AS pn \gset
SELECT o.id FROM orders o WHERE o.provider_id = :provider AND o.personal_number = :pn::text AND o.permission_id = :permission AND o.status IN ('draft', 'submitted', 'in_progress');
BEGIN;
SET LOCAL synchronous_commit = off;
INSERT INTO order_reference_counters (year, last_number) VALUES (2026, 1) ON CONFLICT (year) DO UPDATE SET last_number = order_reference_counters.last_number + 1 RETURNING last_number \gset
COMMIT;
BEGIN;
INSERT INTO orders (id, reference, kind, status, provider_id, permission_id, system_id, first_name, last_name, personal_number, lifecare_title, expert_user, comment, search_text, created_by, created_at, updated_at, submitted_by, submitted_at, version) SELECT gen_random_uuid(), 'SES-2026-' || lpad((:last_number)::text, 6, '0'), 'grant', 'submitted', :provider, pe.id, pe.system_id, 'Bänk', 'Testsson', :pn::text, 'Undersköterska', false, 'make bench', 'bänk testsson', :caller, now(), now(), :caller, now(), 1 FROM permissions pe WHERE pe.id = :permission RETURNING id AS oid \gset
INSERT INTO order_units (order_id, unit_id) VALUES (:oid::uuid, :unit);
INSERT INTO order_history (id, order_id, at, actor_id, action, from_status, to_status, note) VALUES (gen_random_uuid(), :oid::uuid, now(), :caller, 'submitted', NULL, 'submitted', NULL);
INSERT INTO audit_log (id, at, actor_id, action, object_type, object_id, provider_id, details) VALUES (gen_random_uuid(), now(), :caller, 'order.created', 'order', :oid::uuid, :provider, NULL);
COMMIT;
