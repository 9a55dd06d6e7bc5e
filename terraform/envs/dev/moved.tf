# The modules used to be called from this root directly; their state now lives under the exchange module.
# These blocks carry existing state over without replacing anything. Keep them until every copy of this
# environment's state has been applied with them, then delete this file.
moved {
  from = module.network
  to   = module.exchange.module.network
}

moved {
  from = module.msk
  to   = module.exchange.module.msk
}

moved {
  from = module.aurora
  to   = module.exchange.module.aurora
}

moved {
  from = module.lakehouse
  to   = module.exchange.module.lakehouse
}

moved {
  from = module.eks
  to   = module.exchange.module.eks
}

moved {
  from = module.services
  to   = module.exchange.module.services
}

moved {
  from = module.edge
  to   = module.exchange.module.edge
}

moved {
  from = module.observability
  to   = module.exchange.module.observability
}
