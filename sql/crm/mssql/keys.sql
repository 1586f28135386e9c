-- PromptCrm on SQL Server: keys, checks and indexes, applied after the data.
-- Foreign keys stay inside the store; links to ads (campaign, placement) are checked by the
-- test suite's SQL, because each store can be loaded alone.

ALTER TABLE crm.clients ADD CONSTRAINT PK_clients PRIMARY KEY CLUSTERED (client_id);
ALTER TABLE crm.clients ADD CONSTRAINT UQ_clients_email UNIQUE (email);
ALTER TABLE crm.clients ADD CONSTRAINT UQ_clients_national_id UNIQUE (national_id);
ALTER TABLE crm.clients ADD CONSTRAINT CK_clients_coordinates CHECK (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180);
ALTER TABLE crm.client_campaigns ADD CONSTRAINT PK_client_campaigns PRIMARY KEY CLUSTERED (client_id, campaign_id);
ALTER TABLE crm.client_campaigns ADD CONSTRAINT FK_client_campaigns_client FOREIGN KEY (client_id) REFERENCES crm.clients (client_id);
ALTER TABLE crm.interactions ADD CONSTRAINT PK_interactions PRIMARY KEY CLUSTERED (interaction_id);
ALTER TABLE crm.interactions ADD CONSTRAINT FK_interactions_link FOREIGN KEY (client_id, campaign_id) REFERENCES crm.client_campaigns (client_id, campaign_id);
ALTER TABLE crm.sales ADD CONSTRAINT PK_sales PRIMARY KEY CLUSTERED (sale_id);
ALTER TABLE crm.sales ADD CONSTRAINT FK_sales_link FOREIGN KEY (client_id, campaign_id) REFERENCES crm.client_campaigns (client_id, campaign_id);
ALTER TABLE crm.sales ADD CONSTRAINT CK_sales_amount CHECK (amount > 0 AND quantity > 0);
GO

CREATE NONCLUSTERED INDEX IX_client_campaigns_campaign ON crm.client_campaigns (campaign_id, captured_on);
CREATE NONCLUSTERED INDEX IX_client_campaigns_placement ON crm.client_campaigns (placement_id, captured_on);
CREATE NONCLUSTERED INDEX IX_sales_placement ON crm.sales (placement_id, sold_on) INCLUDE (amount);
CREATE NONCLUSTERED INDEX IX_sales_campaign ON crm.sales (campaign_id);
CREATE NONCLUSTERED INDEX IX_interactions_client ON crm.interactions (client_id);
GO
