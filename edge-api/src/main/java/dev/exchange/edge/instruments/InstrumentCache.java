package dev.exchange.edge.instruments;

import org.springframework.stereotype.Component;

/** The edge's bean of the shared live instrument cache (service-support). */
@Component
public class InstrumentCache extends dev.exchange.service.instruments.InstrumentCache {}
