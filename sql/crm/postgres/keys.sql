-- PromptCrm on PostgreSQL: keys, checks and indexes, applied after the data.
-- Foreign keys stay inside the store; links to ads (campaign, placement) are checked by the
-- test suite's SQL, because each store can be loaded alone.

ALTER TABLE crm.clients ADD PRIMARY KEY (client_id),
    ADD UNIQUE (email),
    ADD UNIQUE (national_id),
    ADD CHECK (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180);
ALTER TABLE crm.client_campaigns ADD PRIMARY KEY (client_id, campaign_id),
    ADD FOREIGN KEY (client_id) REFERENCES crm.clients (client_id);
ALTER TABLE crm.interactions ADD PRIMARY KEY (interaction_id),
    ADD FOREIGN KEY (client_id, campaign_id) REFERENCES crm.client_campaigns (client_id, campaign_id);
ALTER TABLE crm.sales ADD PRIMARY KEY (sale_id),
    ADD FOREIGN KEY (client_id, campaign_id) REFERENCES crm.client_campaigns (client_id, campaign_id),
    ADD CHECK (amount > 0 AND quantity > 0);

CREATE INDEX ON crm.client_campaigns (campaign_id, captured_on);
CREATE INDEX ON crm.client_campaigns (placement_id, captured_on);
CREATE INDEX ON crm.sales (placement_id, sold_on);
CREATE INDEX ON crm.sales (campaign_id);
CREATE INDEX ON crm.interactions (client_id);
