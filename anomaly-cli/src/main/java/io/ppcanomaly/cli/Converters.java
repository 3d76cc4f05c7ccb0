package io.ppcanomaly.cli;

import io.ppcanomaly.api.model.EntityType;
import io.ppcanomaly.api.model.Granularity;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters. */
final class Converters {

    private Converters() {
    }

    /** {@code 2026-03-14} (a day) or {@code 2026-03-14T11:00} (an hour). */
    static final class Period implements ITypeConverter<LocalDateTime> {
        @Override
        public LocalDateTime convert(String value) {
            try {
                return value.contains("T") ? LocalDateTime.parse(value) : LocalDate.parse(value).atStartOfDay();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("must be a date like 2026-03-14 (or 2026-03-14T11:00 for hourly "
                        + "data), got '" + value + "'");
            }
        }
    }

    /** day or hour. */
    static final class Grain implements ITypeConverter<Granularity> {
        @Override
        public Granularity convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "day" -> Granularity.DAY;
                case "hour" -> Granularity.HOUR;
                default -> throw new TypeConversionException("must be day or hour, got '" + value + "'");
            };
        }
    }

    /** keyword, ad_group, campaign or portfolio. */
    static final class Level implements ITypeConverter<EntityType> {
        @Override
        public EntityType convert(String value) {
            EntityType t;
            try {
                t = EntityType.parse(value);
            } catch (IllegalArgumentException e) {
                t = null;
            }
            if (t == null || t == EntityType.PROFILE || t == EntityType.PRODUCT_TARGET) {
                throw new TypeConversionException("must be keyword, ad_group, campaign or portfolio, got '" + value
                        + "'");
            }
            return t;
        }
    }
}
