"""A scripted integration job, as an HR system or IT's tooling would run it, using only the Python
client that `openapi-python-client` generated from openapi/openapi.json, unmodified.

    python integration_job.py BASE_URL

Every step prints one line; any surprise raises (and the job fails).
"""

import random
import sys

from sesam_client import AuthenticatedClient, Client
from sesam_client.api.auth import get_me, login
from sesam_client.api.catalogue import list_permissions, list_systems
from sesam_client.api.holdings import export_holdings
from sesam_client.api.expert_users import export_expert_users
from sesam_client.api.orders import (
    complete_order,
    create_order,
    create_orders_batch,
    get_order,
    list_orders,
    submit_order,
    take_order,
    update_order,
)
from sesam_client.api.providers import list_units
from sesam_client.models import CompleteOrder, CreateOrder, CreateOrderBatch, LoginRequest, UpdateOrder

PASSWORD = "sesam-demo-2026"


def step(text):
    print(f"client job: {text}", flush=True)


def expect(response, status, what):
    if response.status_code != status:
        raise SystemExit(f"{what}: expected {status}, got {response.status_code}: {response.content[:400]!r}")
    return response


def personal_number():
    """A valid, made-up personal identity number (Luhn check digit), of someone born in the 1980s."""
    digits = f"{random.randint(80, 89):02d}{random.randint(1, 12):02d}{random.randint(1, 28):02d}{random.randint(0, 999):03d}"
    total = 0
    for i, d in enumerate(digits):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n // 10 + n % 10
    return f"19{digits[:6]}-{digits[6:]}{(10 - total % 10) % 10}"


def log_in(base, email):
    answer = expect(login.sync_detailed(client=Client(base_url=base), body=LoginRequest(email=email, password=PASSWORD)), 200, f"login {email}")
    return AuthenticatedClient(base_url=base, token=answer.parsed.access_token)


def main(base):
    orderer = log_in(base, "anna.lind@omsorgnord.example")
    it = log_in(base, "it@kommun.example")
    step("logged in as an orderer and as IT")

    me = get_me.sync(client=orderer)
    provider_id = me.ordering_rights[0].provider_id
    systems = list_systems.sync(client=Client(base_url=base)).items
    plain = [s for s in systems if s.active and not s.required_fields]
    permission = next(
        p for s in plain for p in list_permissions.sync(client=Client(base_url=base), system_id=s.id).items if p.active
    )
    unit = next(u for u in list_units.sync(id=provider_id, client=orderer).items if u.active)
    step(f"read the catalogue: {len(systems)} systems; ordering {permission.name!r} at {unit.name!r}")

    def order_body():
        return CreateOrder.from_dict({
            "permission_id": str(permission.id),
            "unit_ids": [str(unit.id)],
            "subject": {"first_name": "Klient", "last_name": "Jobb", "personal_number": personal_number()},
        })

    body = order_body()
    key = f"client-job-{random.randint(0, 10**9)}"
    first = expect(create_order.sync_detailed(client=orderer, body=body, idempotency_key=key), 201, "create")
    again = expect(create_order.sync_detailed(client=orderer, body=body, idempotency_key=key), 201, "replay")
    order = first.parsed
    assert again.parsed.id == order.id, "a replay answers the same order"
    assert first.headers["location"] == f"/api/v1/orders/{order.id}", first.headers.get("location")
    reused = create_order.sync_detailed(client=orderer, body=order_body(), idempotency_key=key)
    expect(reused, 422, "the same key with another body")
    assert reused.parsed.code == "idempotency_key_reused", reused.parsed
    step(f"created {order.reference} with Idempotency-Key {key}; the replay answered the same order; another body: {reused.parsed.code}")

    etag = first.headers["etag"]
    stale = update_order.sync_detailed(id=order.id, client=orderer, body=UpdateOrder.from_dict({"comment": "x"}), if_match='"999"')
    expect(stale, 412, "a stale If-Match")
    changed = expect(
        update_order.sync_detailed(id=order.id, client=orderer, body=UpdateOrder.from_dict({"comment": "Från lönesystemet."}), if_match=etag),
        200,
        "If-Match",
    )
    unchanged = get_order.sync_detailed(id=order.id, client=orderer, if_none_match=changed.headers["etag"])
    expect(unchanged, 304, "If-None-Match")
    step(f"changed it with If-Match (a stale one: {stale.status_code}); read again with If-None-Match: {unchanged.status_code}")

    sent = expect(submit_order.sync_detailed(id=order.id, client=orderer), 200, "submit without a body")
    taken = expect(take_order.sync_detailed(id=order.id, client=it), 200, "take")
    done = expect(
        complete_order.sync_detailed(id=order.id, client=it, body=CompleteOrder(account_name="klijob01")), 200, "complete"
    )
    step(f"submitted without a body ({sent.parsed.status}), IT took ({taken.parsed.status}) and completed it ({done.parsed.status})")

    batch = expect(
        create_orders_batch.sync_detailed(client=orderer, body=CreateOrderBatch(items=[order_body() for _ in range(3)])),
        200,
        "batch",
    )
    statuses = [item.status for item in batch.parsed.items]
    assert statuses == [201, 201, 201], statuses
    step(f"a batch of 3: {statuses}")

    seen, cursor, pages = set(), None, 0
    while True:
        page = list_orders.sync(client=orderer, limit=2, **({"cursor": cursor} if cursor else {}))
        seen.update(o.id for o in page.items)
        pages += 1
        cursor = page.next_cursor
        if not cursor or pages > 500:
            break
    assert order.id in seen and len(seen) >= 4, len(seen)
    step(f"paged through {len(seen)} orders, 2 at a time, by cursor ({pages} pages)")

    csv = expect(export_holdings.sync_detailed(client=it), 200, "holdings export")
    assert csv.content.startswith(b"name,personal_number,provider,system"), csv.content[:80]
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.content.decode().count("\r\n") - 1
    experts = expect(export_expert_users.sync_detailed(client=it), 200, "expert-user export")
    assert experts.content.startswith(b"name,email,provider,system")
    step(f"exported holdings as CSV ({lines} rows) and expert users as CSV")
    step("all steps passed")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"))
