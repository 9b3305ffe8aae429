package org.radiospark.partitioners;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Kryo serializer of {@link VisKey}: six variable-length integers (facet and polarisation shifted
 * by one so that -1, "all", stays one byte), typically 6 bytes a key.
 */
public final class VisKeySerializer extends Serializer<VisKey> {
  public VisKeySerializer() {
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output out, VisKey k) {
    out.writeInt(k.beam(), true);
    out.writeInt(k.majorLoop(), true);
    out.writeInt(k.frequency(), true);
    out.writeInt(k.time(), true);
    out.writeInt(k.facet() + 1, true);
    out.writeInt(k.polarisation() + 1, true);
  }

  @Override
  public VisKey read(Kryo kryo, Input in, Class<VisKey> type) {
    return new VisKey(
        in.readInt(true),
        in.readInt(true),
        in.readInt(true),
        in.readInt(true),
        in.readInt(true) - 1,
        in.readInt(true) - 1);
  }
}
