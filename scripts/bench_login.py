#!/usr/bin/env python3
"""Signs in to a Lantern server for benchmarking and prints the session
cookie's value: password, then TOTP enrolment when the account needs a
second factor (computing the code from the secret the page shows).

usage: bench_login.py URL USERNAME PASSWORD   (password may be '-' for stdin)
"""
import base64, hashlib, hmac, http.cookiejar, re, struct, sys, time, urllib.parse, urllib.request


def totp(secret_b32: str, at: float) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def main() -> None:
    base, username, password = sys.argv[1], sys.argv[2], sys.argv[3]
    if password == "-":
        password = sys.stdin.readline().rstrip("\n")
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    csrf = lambda html: re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    page = opener.open(f"{base}/login").read().decode()
    data = urllib.parse.urlencode({"csrf": csrf(page), "username": username, "password": password}).encode()
    response = opener.open(f"{base}/login", data)
    if response.geturl().endswith("/account/two-factor"):
        page = response.read().decode()
        secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
        code = totp(secret, time.time())
        data = urllib.parse.urlencode({"csrf": csrf(page), "code": code}).encode()
        opener.open(f"{base}/account/two-factor", data)
    for cookie in jar:
        if cookie.name == "lantern_session":
            print(cookie.value)
            return
    sys.exit("sign-in failed")


if __name__ == "__main__":
    main()
