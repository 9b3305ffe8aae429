package org.radiospark.kernels.coords;

import org.jastronomy.jsofa.JSOFA;
import org.jastronomy.jsofa.JSOFAIllegalParameter;
import org.jastronomy.jsofa.JSOFAInternalError;

/**
 * Conversions between the time scales UTC, TAI, TT and UT1, on MJD seconds (the MeasurementSet
 * convention {@code mjdSec = (JD - 2400000.5) * 86400}) and SOFA two-part Julian dates.
 *
 * <p>Leap seconds come from SOFA's {@code dat} table as shipped in jsofa 20210512 (valid up to its
 * release; the leap second of 2016-12-31 is the latest one known, and none has been announced
 * since). UTC days holding a leap second are handled by SOFA's {@code utctai}, which uses the
 * "quasi-JD" representation of UTC.
 *
 * <p>All methods are pure, O(1) and thread-safe.
 */
public final class TimeScales {
  /** TT - TAI, seconds (exact by definition). */
  public static final double TT_MINUS_TAI_SEC = 32.184;

  private TimeScales() {}

  /** TAI - UTC in seconds at the UTC instant {@code utcMjdSec} (SOFA {@code dat}). */
  public static double taiMinusUtcSec(double utcMjdSec) {
    double mjd = Math.floor(utcMjdSec / JulianDate.DAY_SEC);
    double fracDay = utcMjdSec / JulianDate.DAY_SEC - mjd;
    try {
      JSOFA.Calendar cal = JSOFA.jauJd2cal(JulianDate.MJD_ZERO, mjd);
      return JSOFA.jauDat(cal.iy, cal.im, cal.id, fracDay);
    } catch (JSOFAIllegalParameter | JSOFAInternalError e) {
      throw new IllegalArgumentException("UTC date out of range for leap seconds: " + utcMjdSec, e);
    }
  }

  /** UTC (MJD seconds) to a SOFA two-part Julian date in TAI. */
  public static JulianDate utcToTai(double utcMjdSec) {
    JulianDate utc = JulianDate.ofMjdSec(utcMjdSec);
    try {
      JSOFA.JulianDate tai = JSOFA.jauUtctai(utc.jd1(), utc.jd2());
      return new JulianDate(tai.djm0, tai.djm1);
    } catch (JSOFAIllegalParameter | JSOFAInternalError e) {
      throw new IllegalArgumentException("UTC date out of range: " + utcMjdSec, e);
    }
  }

  /** TAI (two-part JD) to UTC in MJD seconds. */
  public static double taiToUtc(JulianDate tai) {
    try {
      JSOFA.JulianDate utc = JSOFA.jauTaiutc(tai.jd1(), tai.jd2());
      return new JulianDate(utc.djm0, utc.djm1).toMjdSec();
    } catch (JSOFAIllegalParameter | JSOFAInternalError e) {
      throw new IllegalArgumentException("TAI date out of range: " + tai, e);
    }
  }

  /** TAI to TT (TT = TAI + 32.184 s). */
  public static JulianDate taiToTt(JulianDate tai) {
    JSOFA.JulianDate tt = JSOFA.jauTaitt(tai.jd1(), tai.jd2());
    return new JulianDate(tt.djm0, tt.djm1);
  }

  /** TT to TAI. */
  public static JulianDate ttToTai(JulianDate tt) {
    JSOFA.JulianDate tai = JSOFA.jauTttai(tt.jd1(), tt.jd2());
    return new JulianDate(tai.djm0, tai.djm1);
  }

  /** UTC (MJD seconds) to TT (two-part JD). */
  public static JulianDate utcToTt(double utcMjdSec) {
    return taiToTt(utcToTai(utcMjdSec));
  }

  /** TT (two-part JD) to UTC in MJD seconds. */
  public static double ttToUtc(JulianDate tt) {
    return taiToUtc(ttToTai(tt));
  }

  /**
   * UTC (MJD seconds) to UT1 (two-part JD) given {@code dut1Sec = UT1 - UTC} (IERS Bulletin A;
   * |dut1| < 0.9 s, 0 when unknown, which costs at most 0.9 s of Earth rotation, 14 arcsec).
   */
  public static JulianDate utcToUt1(double utcMjdSec, double dut1Sec) {
    JulianDate utc = JulianDate.ofMjdSec(utcMjdSec);
    try {
      JSOFA.JulianDate ut1 = JSOFA.jauUtcut1(utc.jd1(), utc.jd2(), dut1Sec);
      return new JulianDate(ut1.djm0, ut1.djm1);
    } catch (JSOFAIllegalParameter | JSOFAInternalError e) {
      throw new IllegalArgumentException("UTC date out of range: " + utcMjdSec, e);
    }
  }
}
