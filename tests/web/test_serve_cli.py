"""`dispute serve` as a person starts it: one command, the address printed, listening on
loopback only; a taken port is one line and exit 2."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from conftest import ROOT


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on `port` (/proc/net/tcp{,6}, state 0A)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_serve_prints_its_address_and_listens_on_loopback_only(tmp_path: Path) -> None:
    env = {**os.environ, "DISPUTE_LANG": "zh"}
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", "0", "--workspace",
                             str(tmp_path / "ws")], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        address = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
        assert address, first + proc.stderr.read() if proc.stderr else first
        port = int(address.group(1))
        for _ in range(100):
            try:
                page = httpx.get(address.group(0), timeout=5)
                break
            except httpx.ConnectError:
                time.sleep(0.1)
        assert page.status_code == 200 and "新建案件" in page.text
        if os.path.exists("/proc/net/tcp"):
            assert _listening_addresses(port) == {"0100007F"}  # 127.0.0.1, and nothing else
        assert (tmp_path / "ws").is_dir()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)


def test_a_taken_port_is_one_line(tmp_path: Path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        result = subprocess.run([sys.executable, "-m", "generator", "serve", "--port", str(taken.getsockname()[1]),
                                 "--workspace", str(tmp_path / "ws")], cwd=ROOT, capture_output=True, text=True,
                                timeout=60)
    finally:
        taken.close()
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "无法监听" in lines[0] and "--port" in lines[0]  # web tests run in Chinese
