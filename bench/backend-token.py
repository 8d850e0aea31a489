#!/usr/bin/env python3
"""A SMART Backend Services token for the bench scripts, the way an integration engine gets one: an RSA key made with
openssl, its public half registered by an administrator on /Admin/Apps, a client assertion signed RS384 with the
private half (private_key_jwt) and traded at /connect/token for system/ scopes. Same pretend TLS proxy as
smart-token.py (whose Browser it uses).
  bench/backend-token.py BASE_URL ADMIN_EMAIL "SCOPES"   -> prints the access token"""
import base64, json, os, re, subprocess, sys, tempfile, time, uuid

sys.argv = sys.argv[:1] + [sys.argv[1], sys.argv[2], sys.argv[2], sys.argv[3]]  # smart-token.py's argument shape
base, admin_email, _, scopes = sys.argv[1:5]
here = os.path.dirname(os.path.abspath(__file__))
source = open(os.path.join(here, "smart-token.py")).read().split("\nadmin = Browser()")[0]
exec(source)  # Browser, the target and the password, without running smart-token.py's own flow


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


folder = tempfile.mkdtemp()
key = os.path.join(folder, "key.pem")
subprocess.run(["openssl", "genrsa", "-out", key, "2048"], check=True, capture_output=True)
modulus = subprocess.run(["openssl", "rsa", "-in", key, "-noout", "-modulus"], check=True, capture_output=True, text=True).stdout.strip().split("=", 1)[1]
kid = uuid.uuid4().hex
jwks = json.dumps({"keys": [{"kty": "RSA", "kid": kid, "alg": "RS384", "use": "sig",
                             "n": b64url(bytes.fromhex(modulus)), "e": b64url((65537).to_bytes(3, "big"))}]})

admin = Browser()
admin.sign_in(admin_email)
_, _, page = admin.request("GET", "/Admin/Apps")
_, _, page = admin.request("POST", "/Admin/Apps?handler=Backend", {
    "Backend.Name": "Bench export", "Backend.Jwks": jwks, "Backend.Scopes": scopes, "Backend.Role": "manager",
    "__RequestVerificationToken": admin.antiforgery(page)})
client_id = re.search(r"Client id: <code>([^<]+)</code>", page).group(1)

now = int(time.time())
header = b64url(json.dumps({"alg": "RS384", "typ": "JWT", "kid": kid}).encode())
claims = b64url(json.dumps({"iss": client_id, "sub": client_id, "aud": f"{base}/connect/token".replace("http://", "https://"),
                            "jti": uuid.uuid4().hex, "iat": now, "exp": now + 240}).encode())
signature = subprocess.run(["openssl", "dgst", "-sha384", "-sign", key], input=f"{header}.{claims}".encode(), check=True, capture_output=True).stdout
anonymous = Browser()
_, _, token = anonymous.request("POST", "/connect/token", {
    "grant_type": "client_credentials", "scope": scopes,
    "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    "client_assertion": f"{header}.{claims}.{b64url(signature)}"})
match = re.search(r'"access_token":\s*"([^"]+)"', token)
if match is None:
    sys.exit(f"no token: {token}")
print(match.group(1))
