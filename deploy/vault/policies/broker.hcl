# tokenwarden-broker: the token-broker writes every credential under github/ in the KV v2 mount, with
# check-and-set (the mount requires it), sets custom metadata, and can retire versions it wrote. It also
# keeps the PAT rotations waiting for an upload at github/.pending-uploads/, which no consumer policy reaches.
path "{{mount}}/data/github/*" {
  capabilities = ["create", "read", "update"]
}
path "{{mount}}/metadata/github/*" {
  capabilities = ["create", "read", "update", "list"]
}
path "{{mount}}/delete/github/*" {
  capabilities = ["update"]
}
path "{{mount}}/undelete/github/*" {
  capabilities = ["update"]
}
path "{{mount}}/destroy/github/*" {
  capabilities = ["update"]
}
