"""A small client for the hub smoke test: log in, start a server, list files, run code in a kernel.

Speaks only the public HTTP and websocket APIs a browser uses, with the cookies a browser gets.
"""
from __future__ import annotations

import asyncio
import json
import time
import uuid

import requests
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect


class HubUser:
    def __init__(self, base: str, name: str, password: str):
        self.base, self.name, self.password = base.rstrip("/"), name, password
        self.session = requests.Session()

    def _xsrf(self, path: str) -> dict[str, str]:
        token = next((c.value for c in self.session.cookies if c.name == "_xsrf" and path.startswith(c.path)), None)
        return {"X-XSRFToken": token} if token else {}

    def login(self) -> None:
        self.session.get(f"{self.base}/hub/login", timeout=30).raise_for_status()
        r = self.session.post(f"{self.base}/hub/login", timeout=30, allow_redirects=False,
                              data={"username": self.name, "password": self.password, **{
                                  "_xsrf": self._xsrf("/hub/").get("X-XSRFToken", "")}})
        if r.status_code != 302:
            raise AssertionError(f"login of {self.name} failed: {r.status_code} {r.text[:300]}")

    def start_server(self) -> None:
        r = self.session.post(f"{self.base}/hub/api/users/{self.name}/server", timeout=30,
                              headers=self._xsrf("/hub/"))
        if r.status_code not in (201, 202, 400):  # 400: already running
            raise AssertionError(f"spawn of {self.name} failed: {r.status_code} {r.text[:300]}")

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            r = self.session.get(f"{self.base}/hub/api/users/{self.name}", timeout=30, headers=self._xsrf("/hub/"))
            r.raise_for_status()
            server = r.json().get("servers", {}).get("")
            if server and server.get("ready"):
                # visit the server once so its OAuth handshake sets the server's own cookie
                page = self.session.get(f"{self.base}/user/{self.name}/lab", timeout=30)
                page.raise_for_status()
                return
            time.sleep(0.5)
        raise AssertionError(f"server of {self.name} not ready after {timeout} s")

    def contents(self, path: str = "") -> list[str]:
        r = self.session.get(f"{self.base}/user/{self.name}/api/contents/{path}", timeout=30,
                             headers=self._xsrf(f"/user/{self.name}/"))
        r.raise_for_status()
        return sorted(item["name"] for item in r.json()["content"])

    def run(self, code: str, timeout: float = 60) -> str:
        """Run ``code`` in a new kernel on the user's server and return what it printed."""
        prefix = f"/user/{self.name}/"
        r = self.session.post(f"{self.base}{prefix}api/kernels", json={"name": "python3"}, timeout=30,
                              headers=self._xsrf(prefix))
        r.raise_for_status()
        kernel = r.json()["id"]
        try:
            return asyncio.run(self._execute(kernel, code, timeout))
        finally:
            self.session.delete(f"{self.base}{prefix}api/kernels/{kernel}", timeout=30, headers=self._xsrf(prefix))

    async def _execute(self, kernel: str, code: str, timeout: float) -> str:
        url = self.base.replace("http", "ws", 1) + f"/user/{self.name}/api/kernels/{kernel}/channels"
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.session.cookies)
        conn = await websocket_connect(HTTPRequest(url, headers={"Cookie": cookies, **self._xsrf(f"/user/{self.name}/")}))
        msg_id = uuid.uuid4().hex
        conn.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": self.name, "session": uuid.uuid4().hex, "msg_type":
                       "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        # The reply comes on the shell channel, output on iopub: done when both the reply and the
        # kernel's "idle" status for this request have arrived (they can come in either order).
        printed, status, idle = [], None, False
        deadline = time.monotonic() + timeout
        while status is None or not idle:
            raw = await asyncio.wait_for(conn.read_message(), max(0.1, deadline - time.monotonic()))
            if raw is None:
                raise AssertionError("kernel websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "stream":
                printed.append(msg["content"]["text"])
            elif kind == "error":
                printed.append("\n".join(msg["content"]["traceback"]))
            elif kind == "execute_reply":
                status = msg["content"]["status"]
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
        conn.close()
        if status != "ok":
            raise AssertionError(f"code failed in {self.name}'s kernel:\n{''.join(printed)}")
        return "".join(printed)

    def stop_server(self) -> None:
        self.session.delete(f"{self.base}/hub/api/users/{self.name}/server", timeout=30, headers=self._xsrf("/hub/"))
