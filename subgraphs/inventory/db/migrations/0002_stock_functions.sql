-- Reserve and release as one statement each (called from subgraphs/inventory/db/holds.ts).
-- A hot product's row lock is then held for the few microseconds the function runs, not for
-- several client round trips, so a rush of orders on one product queues for far less time.

-- Holds the lines for an order, all or none; idempotent per order. Returns one row: outcome
-- HELD or RELEASED (decided earlier), or INSUFFICIENT with the first short line (0-based).
-- INSUFFICIENT is final: it leaves the order RELEASED, so no later call can hold stock for an
-- order that orders is rejecting (and orders need not ask for a release).
CREATE FUNCTION "inventory"."reserve_stock"(p_order_id integer, p_product_ids integer[], p_quantities integer[])
RETURNS TABLE (outcome text, short_line integer, short_product_id integer, short_available integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_state inventory.hold_state;
  v_short record;
BEGIN
  -- Already decided: answer without taking any lock.
  SELECT h.state INTO v_state FROM inventory.holds h WHERE h.order_id = p_order_id;
  IF FOUND THEN
    RETURN QUERY SELECT v_state::text, NULL::integer, NULL::integer, NULL::integer;
    RETURN;
  END IF;
  -- Short even before locking: the answer at this moment, without queueing for the row lock.
  SELECT (w.ord - 1)::integer AS line, w.product_id, coalesce(s.available, 0) AS available
    INTO v_short
    FROM unnest(p_product_ids, p_quantities) WITH ORDINALITY AS w(product_id, quantity, ord)
    LEFT JOIN inventory.stock s ON s.product_id = w.product_id
    WHERE coalesce(s.available, 0) < w.quantity
    ORDER BY w.ord LIMIT 1;
  IF FOUND THEN
    INSERT INTO inventory.holds (order_id, state) VALUES (p_order_id, 'RELEASED') ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      -- A concurrent call decided first (ON CONFLICT waited for it): answer with its decision.
      SELECT h.state INTO v_state FROM inventory.holds h WHERE h.order_id = p_order_id;
      RETURN QUERY SELECT v_state::text, NULL::integer, NULL::integer, NULL::integer;
      RETURN;
    END IF;
    RETURN QUERY SELECT 'INSUFFICIENT', v_short.line, v_short.product_id, v_short.available;
    RETURN;
  END IF;
  -- Claim the order; a concurrent claim makes us wait for it and then answer with its result.
  INSERT INTO inventory.holds (order_id, state) VALUES (p_order_id, 'HELD') ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    SELECT h.state INTO v_state FROM inventory.holds h WHERE h.order_id = p_order_id;
    RETURN QUERY SELECT v_state::text, NULL::integer, NULL::integer, NULL::integer;
    RETURN;
  END IF;
  -- Lock in product order (no deadlocks between multi-line orders), then check for real.
  PERFORM 1 FROM inventory.stock s WHERE s.product_id = ANY (p_product_ids)
    ORDER BY s.product_id FOR UPDATE;
  SELECT (w.ord - 1)::integer AS line, w.product_id, coalesce(s.available, 0) AS available
    INTO v_short
    FROM unnest(p_product_ids, p_quantities) WITH ORDINALITY AS w(product_id, quantity, ord)
    LEFT JOIN inventory.stock s ON s.product_id = w.product_id
    WHERE coalesce(s.available, 0) < w.quantity
    ORDER BY w.ord LIMIT 1;
  IF FOUND THEN
    -- Nothing is held, and the refusal is final (see above).
    UPDATE inventory.holds h SET state = 'RELEASED', updated_at = now() WHERE h.order_id = p_order_id;
    RETURN QUERY SELECT 'INSUFFICIENT', v_short.line, v_short.product_id, v_short.available;
    RETURN;
  END IF;
  UPDATE inventory.stock s
    SET available = s.available - w.quantity, reserved = s.reserved + w.quantity, updated_at = now()
    FROM unnest(p_product_ids, p_quantities) AS w(product_id, quantity)
    WHERE s.product_id = w.product_id;
  INSERT INTO inventory.hold_lines (order_id, product_id, quantity)
    SELECT p_order_id, w.product_id, w.quantity
    FROM unnest(p_product_ids, p_quantities) AS w(product_id, quantity);
  RETURN QUERY SELECT 'HELD', NULL::integer, NULL::integer, NULL::integer;
END
$$;
--> statement-breakpoint

-- Gives back what an order holds, exactly once: only the call that moves its hold from HELD to
-- RELEASED returns stock (true). An order with no hold gets a RELEASED marker, so a reserve
-- still on its way is refused.
CREATE FUNCTION "inventory"."release_stock"(p_order_id integer)
RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  LOOP
    UPDATE inventory.holds h SET state = 'RELEASED', updated_at = now()
      WHERE h.order_id = p_order_id AND h.state = 'HELD';
    IF FOUND THEN
      PERFORM 1 FROM inventory.stock s
        WHERE s.product_id IN (SELECT l.product_id FROM inventory.hold_lines l WHERE l.order_id = p_order_id)
        ORDER BY s.product_id FOR UPDATE;
      UPDATE inventory.stock s
        SET available = s.available + l.quantity, reserved = s.reserved - l.quantity, updated_at = now()
        FROM inventory.hold_lines l
        WHERE l.order_id = p_order_id AND s.product_id = l.product_id;
      RETURN true;
    END IF;
    INSERT INTO inventory.holds (order_id, state) VALUES (p_order_id, 'RELEASED') ON CONFLICT DO NOTHING;
    IF FOUND THEN
      RETURN false;
    END IF;
    -- A row exists: RELEASED already, or a reserve committed after the update above looked
    -- (then the next pass sees it HELD and releases it).
    IF NOT EXISTS (SELECT 1 FROM inventory.holds h WHERE h.order_id = p_order_id AND h.state = 'HELD') THEN
      RETURN false;
    END IF;
  END LOOP;
END
$$;
