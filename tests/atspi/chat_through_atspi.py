#!/usr/bin/python3
"""Drives the real confab binary the way a screen reader or a UI automation suite does: through AT-SPI only.

It signs in by typing into the sign-in window's fields and pressing its button, opens the conversation with bob
from the session list, writes a message and presses Send, and then sees the reply that confab-cli sends as bob
appear in the message list. Every control is found by its accessible name and role, never by coordinates.

Usage: chat_through_atspi.py CONFAB CONFAB_SERVER CONFAB_CLI (run inside Xvfb, a D-Bus session and the AT-SPI bus;
see run.sh beside this file).
"""
import os
import subprocess
import sys
import tempfile
import threading
import time

import pyatspi

CONFAB, SERVER, CLI = sys.argv[1:4]
ADDRESS = None  # the server picks a free port and says which


def wait_for(what, predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def walk(node, depth=0):
    if node is None or depth > 40:
        return
    yield node
    try:
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:  # a node that went away while we looked
        return
    for child in children:
        yield from walk(child, depth + 1)


def application(name):
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == name:
            return app
    return None


def find_starting(root, prefix):
    for node in walk(root):
        try:
            if node.name.startswith(prefix):
                return node
        except Exception:  # a node that went away while we looked
            continue
    return None


def find(root, name, role=None, showing=True):
    for node in walk(root):
        try:
            if node.name != name or (role is not None and node.getRoleName() != role):
                continue
            if showing and not node.getState().contains(pyatspi.STATE_SHOWING):
                continue
            return node
        except Exception:
            continue
    return None


def set_text(node, text):
    editable = node.queryEditableText()
    editable.setTextContents(text)


def press(node):
    actions = node.queryAction()
    for i in range(actions.nActions):
        if actions.getName(i) in ("Press", "press", "click", "Click", "Toggle"):
            actions.doAction(i)
            return
    actions.doAction(0)


def choose(item):
    """Selects a list item as a screen reader does: through its list's Selection interface, else its action."""
    for holder in (item.parent, item.parent.parent if item.parent else None):
        try:
            if holder.querySelection().selectChild(item.getIndexInParent()):
                return
        except (NotImplementedError, AttributeError):
            continue
    press(item)


def texts_under(node):
    seen = []
    for child in walk(node):
        try:
            if child.name:
                seen.append(child.name)
        except Exception:
            pass
    return seen


def cli(user, *args):
    assert ADDRESS
    subprocess.run([CLI, "--server", ADDRESS, "--user", user, "--password-stdin", *args], input=b"demo\n",
                   check=True, stdout=subprocess.DEVNULL, timeout=30)


def main():
    data = tempfile.mkdtemp(prefix="confab-atspi-")
    global ADDRESS
    server = subprocess.Popen([SERVER, "--data-dir", data, "--listen", "127.0.0.1:0", "--insecure", "--demo"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    client = None
    try:
        for line in server.stdout:
            if line.startswith("Log in as"):
                ADDRESS = line.split(" at ")[-1].strip()
                break
        assert ADDRESS, "the server did not start"
        # Keep reading what the server logs, so that it never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
        cli("bob", "send", "--to", "alice", "Are you coming to the review?")
        env = dict(os.environ, QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_ACCESSIBILITY="1",
                   XDG_CONFIG_HOME=os.path.join(data, "config"), XDG_DATA_HOME=os.path.join(data, "share"))
        client = subprocess.Popen([CONFAB, "--server", ADDRESS, "--lang", "en"], env=env)
        # Start-up on a loaded 2-core machine (fonts, the cache, the keyring) can take a while: wait longer here.
        app = wait_for("confab on the accessibility bus", lambda: application("confab"), timeout=60.0)

        user = wait_for("the user name field", lambda: find(app, "User name", "text"))
        set_text(user, "alice")
        set_text(find(app, "Password", "password text"), "demo")
        press(find(app, "Sign in", "push button"))
        print("signed in through the sign-in window")

        sessions = wait_for("the session list", lambda: find(app, "Recent conversations"))
        # A row says what a sighted person sees: who, whether online, what is unread and the last message.
        bob = wait_for("bob's session", lambda: find_starting(sessions, "Bob 李明, "))
        spoken = bob.name
        for part in ("1 unread message", "last message: Are you coming to the review?"):
            assert part in spoken, "the session row says %r, without %r" % (spoken, part)
        print("the session row says: " + spoken)
        # The presence selector is found by its name, whatever it shows.
        wait_for("the presence selector", lambda: find(app, "Your presence", "combo box"))
        choose(bob)
        wait_for("the chat with bob", lambda: find(app, "Conversation with Bob 李明"))
        messages = wait_for("the message list", lambda: find(app, "Messages"))
        wait_for("bob's first message", lambda: any("Are you coming to the review?" in t for t in texts_under(messages)))
        print("opened the conversation with bob")

        set_text(find(app, "Message", "text"), "Yes, on my way")
        press(find(app, "Send message", "push button"))
        wait_for("our message", lambda: any("Yes, on my way" in t for t in texts_under(messages)))
        print("sent a message")

        cli("bob", "send", "--to", "alice", "See you in room 4")
        wait_for("bob's reply", lambda: any("See you in room 4" in t for t in texts_under(messages)))
        print("saw the reply confab-cli sent")
        print("1 passed, 0 failed")
    finally:
        if client is not None:
            client.terminate()
            client.wait(timeout=10)
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
