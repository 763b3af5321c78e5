# Part of tokenwarden-{{service}}: the credentials of the internal tier {{tier}}, which the broker mints
# for {{service}} alone.
path "{{mount}}/data/github/{{tier}}/{{service}}/*" {
  capabilities = ["read"]
}
