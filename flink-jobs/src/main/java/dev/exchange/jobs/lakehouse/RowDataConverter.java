package dev.exchange.jobs.lakehouse;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Turns an Iceberg generic row (from {@code LakehouseRows}, where the exact conversion from the
 * model lives) into Flink's {@link RowData} for Iceberg's Flink sink, column by column by the
 * table's types. Only re-wraps values: decimals keep precision and scale, timestamps their instant.
 */
final class RowDataConverter implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Type.TypeID[] types;
  private final int[] precision;
  private final int[] scale;

  RowDataConverter(Schema schema) {
    List<Types.NestedField> columns = schema.columns();
    types = new Type.TypeID[columns.size()];
    precision = new int[columns.size()];
    scale = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      Type type = columns.get(i).type();
      types[i] = type.typeId();
      if (type instanceof Types.DecimalType d) {
        precision[i] = d.precision();
        scale[i] = d.scale();
      } else if (!(type instanceof Types.StringType
          || type instanceof Types.LongType
          || type instanceof Types.IntegerType
          || type instanceof Types.BooleanType
          || (type instanceof Types.TimestampType t && t.shouldAdjustToUTC()))) {
        throw new IllegalArgumentException(
            "column " + columns.get(i).name() + " has a type without conversion: " + type);
      }
    }
  }

  RowData convert(Record record) {
    GenericRowData row = new GenericRowData(types.length);
    for (int i = 0; i < types.length; i++) {
      Object v = record.get(i);
      if (v == null) {
        continue;
      }
      row.setField(
          i,
          switch (types[i]) {
            case STRING -> StringData.fromString((String) v);
            case DECIMAL -> DecimalData.fromBigDecimal((BigDecimal) v, precision[i], scale[i]);
            case TIMESTAMP -> TimestampData.fromInstant(((OffsetDateTime) v).toInstant());
            default -> v;
          });
    }
    return row;
  }
}
