#!/usr/bin/env python3
"""A SMART access token for the bench scripts, the way an app gets one (App Launch 2.0, standalone, PKCE S256):
an administrator registers a public app on /Admin/Apps, the person signs in, allows it on the consent page, and the
code is exchanged at /connect/token. Tactus runs in Production behind the bench's pretend TLS proxy, so every request
says X-Forwarded-Proto: https (loopback is a trusted proxy) and cookies are carried by hand.
  bench/smart-token.py BASE_URL ADMIN_EMAIL PERSON_EMAIL "SCOPES"   -> prints the access token"""
import base64, hashlib, html, http.client, os, re, sys, urllib.parse

base, admin_email, person_email, scopes = sys.argv[1:5]
password = os.environ.get("TACTUS_DEMO_PASSWORD", "demo-clinic-pass-2026")
target = urllib.parse.urlsplit(base)
redirect = "https://bench.example/callback"


class Browser:
    def __init__(self):
        self.cookies = {}

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection(target.hostname, target.port)
        headers = {"X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body, headers)
        response = connection.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                self.cookies[key.strip()] = val.strip()
        text = response.read().decode()
        return response.status, response.getheader("Location"), text

    def antiforgery(self, text):
        return html.unescape(re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', text).group(1))

    def sign_in(self, email):
        _, _, page = self.request("GET", "/Account/Login")
        status, _, _ = self.request("POST", "/Account/Login", {
            "Input.Email": email, "Input.Password": password, "__RequestVerificationToken": self.antiforgery(page)})
        if status != 302:
            sys.exit(f"sign-in as {email} failed ({status})")


admin = Browser()
admin.sign_in(admin_email)
_, _, page = admin.request("GET", "/Admin/Apps")
_, _, page = admin.request("POST", "/Admin/Apps", {
    "Input.Name": "Bench app", "Input.RedirectUris": redirect, "Input.Scopes": scopes,
    "__RequestVerificationToken": admin.antiforgery(page)})
client_id = re.search(r"Client id: <code>([^<]+)</code>", page).group(1)

person = Browser()
person.sign_in(person_email)
verifier = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
query = urllib.parse.urlencode({"response_type": "code", "client_id": client_id, "redirect_uri": redirect, "scope": scopes,
                                "state": "bench", "code_challenge": challenge, "code_challenge_method": "S256"})
_, _, consent = person.request("GET", "/connect/authorize?" + query)
fields = [(html.unescape(n), html.unescape(v)) for n, v in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', consent)]
fields += [("__RequestVerificationToken", person.antiforgery(consent)), ("decision", "allow")]
status, location, _ = person.request("POST", "/connect/authorize", fields)
code = urllib.parse.parse_qs(urllib.parse.urlsplit(location or "").query).get("code", [None])[0]
if code is None:
    sys.exit(f"no code ({status} {location})")

anonymous = Browser()
_, _, token = anonymous.request("POST", "/connect/token", {
    "grant_type": "authorization_code", "code": code, "redirect_uri": redirect, "client_id": client_id, "code_verifier": verifier})
print(re.search(r'"access_token":\s*"([^"]+)"', token).group(1))
