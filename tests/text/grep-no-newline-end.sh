printf 'abc\ndef' | grep def
