"""Does the company-profile tool show the engine's answer when boxes are ticked?"""
from compliance_course.tools.cross_framework import CompanyProfileTool


def test_ticking_boxes_updates_the_list():
    tool = CompanyProfileTool()
    assert "No framework applies" in tool.result.value
    tool.buyers["dod"].value = True
    tool.info["cui"].value = True
    html = tool.result.value
    assert html.index("NIST SP 800-171") < html.index("CMMC Level 2")
    assert "32 CFR 170.16" in html and "FedRAMP" not in html
    tool.cloud.value = True
    assert "FedRAMP" in tool.result.value


def test_every_control_has_an_accessible_name():
    tool = CompanyProfileTool()
    boxes = [*tool.buyers.values(), *tool.info.values(), tool.cloud, tool.covered_entity]
    assert all(box.description for box in boxes)


def test_covered_entity_box_changes_the_hipaa_reason():
    """CROSS-N10: does ticking 'covered entity' give a covered entity's duties instead of the BAA-first advice?"""
    tool = CompanyProfileTool()
    tool.buyers["healthcare"].value = True
    tool.info["phi"].value = True
    assert "business associate agreement before receiving" in tool.result.value
    tool.covered_entity.value = True
    assert "As a covered entity" in tool.result.value


def test_a_cloud_sold_to_dod_is_not_left_without_a_framework():
    """CROSS-M1: does a SaaS sold to DoD get FedRAMP and the DoD provisional authorization?"""
    tool = CompanyProfileTool()
    tool.buyers["dod"].value = True
    tool.info["customer_data"].value = True
    tool.cloud.value = True
    assert "FedRAMP" in tool.result.value and "DoD provisional authorization" in tool.result.value


def test_profile_checkboxes_show_their_whole_label():
    """Review m2: "We run a cloud service (SaaS, PaaS or Ia…" was cut at ~300 px."""
    from compliance_course.tools.cross_framework import company_profile_tool
    tool = company_profile_tool()
    boxes = [*tool.buyers.values(), *tool.info.values(), tool.cloud, tool.covered_entity]
    assert all(box.layout.width == "auto" for box in boxes)


def test_profile_answer_links_each_framework_to_its_module():
    from compliance_course.tools.cross_framework import company_profile_tool
    tool = company_profile_tool()
    tool.buyers["healthcare"].value = True
    tool.info["phi"].value = True
    assert "<a href='02_hipaa.ipynb'>Open the HIPAA module →</a>" in tool.result.value
