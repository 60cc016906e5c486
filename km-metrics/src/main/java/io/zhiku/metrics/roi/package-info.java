/**
 * Return on investment of knowledge management: yearly benefits (time saved at a loaded hourly cost,
 * shorter cycles, fewer failures, or any amount) against one-off and yearly costs over a horizon of
 * years, with ROI %, net present value, internal rate of return and payback period.
 *
 * <p>Start with {@link io.zhiku.metrics.roi.RoiModel#builder()}; {@link
 * io.zhiku.metrics.roi.RoiModel#evaluate()} gives a {@link io.zhiku.metrics.roi.RoiReport}. Amounts
 * are in one currency of the host's choosing; rates are fractions per year (0.08 is 8%).
 */
package io.zhiku.metrics.roi;
