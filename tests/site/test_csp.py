"""Unit tests of the Content Security Policy helper (the browser test is in test_browser_csp.py)."""

import base64
import hashlib

from pairing import csp


def sha(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


PAGE = ('<html><head><script>var a=1</script><script id="__config" type="application/json">{"x": 1}</script>'
        '<script src="x.js"></script></head><body><script>var a=1</script><script>b()</script></body></html>')


def test_hashes_cover_each_inline_script_once_and_skip_data_and_files():
    assert csp.inline_script_hashes(PAGE) == [sha("var a=1"), sha("b()")]


def test_policy_allows_only_the_site_and_the_hashed_scripts():
    policy = csp.policy_for(PAGE)
    assert f"script-src 'self' {sha('var a=1')} {sha('b()')};" in policy
    assert "'unsafe-inline'" not in policy and "http" not in policy
    assert "object-src 'none'" in policy


def test_policy_is_the_first_thing_in_head():
    assert csp.with_policy(PAGE).startswith('<html><head><meta http-equiv="Content-Security-Policy" content="default-src')
