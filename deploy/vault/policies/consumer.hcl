# tokenwarden-consumer-{{tier}}-{{consumer}}: one consumer of one tier reads its own credentials and
# nothing else; no list, so it cannot even learn which other credentials exist.
path "{{mount}}/data/github/{{tier}}/{{consumer}}/*" {
  capabilities = ["read"]
}
