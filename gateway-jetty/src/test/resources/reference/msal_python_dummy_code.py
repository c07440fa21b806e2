"""MSAL Python, Microsoft's own client, redeems two dummy authorization codes.

The token endpoint's answer tells whether the client assertion MSAL built was accepted:
invalid_grant means the client authenticated, invalid_client that it did not. Prints one
JSON object per attempt: {"error": ..., "error_description": ...}.

Usage: python3 msal_python_dummy_code.py AUTHORITY CLIENT_ID KEY_PEM SHA1_HEX CA_PEM REDIRECT_URI
"""
import json
import sys

import msal

authority, client_id, key_file, thumbprint, ca_file, redirect_uri = sys.argv[1:7]
with open(key_file) as f:
    private_key = f.read()

app = msal.ConfidentialClientApplication(
    client_id,
    client_credential={"private_key": private_key, "thumbprint": thumbprint},
    authority=authority,
    validate_authority=False,  # no instance discovery at login.microsoftonline.com
    verify=ca_file,            # the test's own CA, trusted here only
)
for attempt in range(2):
    # Another code each time: MSAL's throttling answers a repeated refused request from memory.
    result = app.acquire_token_by_authorization_code(
        "dummy-code-%d" % attempt, scopes=["User.Read"], redirect_uri=redirect_uri)
    print(json.dumps({"error": result.get("error"), "error_description": result.get("error_description")}))
