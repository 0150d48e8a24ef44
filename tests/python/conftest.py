"""Fixtures of the Python binding tests: a real sync server (started by scripts/test-python.sh)
and a fresh team with two enrolled devices per test."""

import asyncio
import datetime
import functools
import os
import uuid
from dataclasses import dataclass

import pytest

import tournee_core as tc


@dataclass
class Team:
    url: str
    admin: tc.AdminConsole
    rep: tc.User
    manager: tc.User
    # The rep's phone and the manager's tablet, each with its own store.
    alice: tc.Device
    bruno: tc.Device
    data_dirs: dict


@pytest.fixture(scope="session")
def server():
    url = os.environ.get("TOURNEE_TEST_SERVER_URL")
    token = os.environ.get("TOURNEE_TEST_ADMIN_TOKEN")
    if not url or not token:
        pytest.fail("TOURNEE_TEST_SERVER_URL and TOURNEE_TEST_ADMIN_TOKEN are not set: run scripts/test-python.sh")
    return url, token


@pytest.fixture
def team(server, tmp_path):
    url, token = server
    admin = tc.AdminConsole(url, token)

    async def setup():
        team = await admin.create_team(f"Ouest {uuid.uuid4().hex[:8]}")
        rep = await admin.create_user("Alice Martin", tc.Role.REP, team.id)
        manager = await admin.create_user("Bruno Petit", tc.Role.MANAGER, team.id)
        dirs = {"alice": str(tmp_path / "alice"), "bruno": str(tmp_path / "bruno")}
        alice = await tc.Tournee(dirs["alice"], tc.Lang.EN).enroll(url, (await admin.enrollment_code(rep.id)).code, "Pixel")
        bruno = await tc.Tournee(dirs["bruno"], tc.Lang.EN).enroll(url, (await admin.enrollment_code(manager.id)).code, "iPad")
        return Team(url, admin, rep, manager, alice, bruno, dirs)

    return asyncio.run(setup())


def run(test):
    """Runs an async test (every call that touches a device's store is async) in its own loop."""

    @functools.wraps(test)
    def run_test(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run_test


async def sync(*devices):
    """Syncs each device in turn; returns their reports."""
    return [await device.sync() for device in devices]


def now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def today():
    return now().date()
