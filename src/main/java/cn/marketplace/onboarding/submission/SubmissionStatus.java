package cn.marketplace.onboarding.submission;

import cn.marketplace.onboarding.catalog.ImageType;
import cn.marketplace.onboarding.rules.Finding;
import java.util.List;

/** Where a submission stands, the image type its SKU declares, and the findings of its last check. */
public record SubmissionStatus(String id, String processInstanceId, String status, List<Finding> findings,
    ImageType imageType) {}
